/** The expiry of the message being written: after it, no recipient can open the message or its files. */
import { Field, Select } from '@fluentui/react-components';
import { EXPIRY_CHOICES, type ExpiryChoice } from './senderControls';

export const expiryLabel = (days: ExpiryChoice) => (days === null ? 'Never' : days === 1 ? '1 day after sending' : `${days} days after sending`);

export function ExpiryPicker({ days, disabled, onChange }: { days: ExpiryChoice; disabled: boolean; onChange(days: ExpiryChoice): void }) {
  return (
    <Field label="Recipients can open it until" hint={disabled ? 'Applies when the message is sent securely.' : undefined}>
      <Select
        value={days === null ? 'never' : String(days)}
        disabled={disabled}
        onChange={(_, data) => onChange(data.value === 'never' ? null : (Number(data.value) as ExpiryChoice))}
      >
        {EXPIRY_CHOICES.map((choice) => (
          <option key={String(choice)} value={choice === null ? 'never' : String(choice)}>
            {expiryLabel(choice)}
          </option>
        ))}
      </Select>
    </Field>
  );
}
