/**
 * A recipients field (To, Cc, Bcc): addresses become chips when Enter, comma, semicolon or Tab is pressed, on
 * paste and when the field loses focus; each chip carries the badge its classification earned and a remove button.
 * Backspace in the empty box removes the last chip.
 */
import { Badge, Button, Label, makeStyles, mergeClasses, shorthands, Text, tokens } from '@fluentui/react-components';
import { Dismiss12Regular } from '@fluentui/react-icons';
import { useId, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import type { Classified } from '../api/portalApi';
import { ScreenReaderOnly } from '../ui';
import { splitAddresses, statusOf, type RecipientStatus } from './recipientStatus';

const useStyles = makeStyles({
  field: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  label: { paddingBottom: tokens.spacingVerticalXXS },
  box: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    minHeight: '32px',
    boxSizing: 'border-box',
    padding: `3px ${tokens.spacingHorizontalS}`,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderBottomColor: tokens.colorNeutralStrokeAccessible,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    cursor: 'text',
    ':focus-within': { borderBottomColor: tokens.colorCompoundBrandStroke, boxShadow: `inset 0 -1px 0 ${tokens.colorCompoundBrandStroke}` },
  },
  invalid: { ...shorthands.borderColor(tokens.colorPaletteRedBorder2) },
  chips: { display: 'contents', listStyleType: 'none', margin: 0, padding: 0 },
  chip: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    padding: `1px 2px 1px ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusCircular,
    backgroundColor: tokens.colorNeutralBackground3,
    maxWidth: '100%',
  },
  address: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  input: {
    flexGrow: 1,
    minWidth: '160px',
    border: 'none',
    outlineStyle: 'none',
    padding: '4px 2px',
    font: 'inherit',
    fontSize: tokens.fontSizeBase300,
    color: tokens.colorNeutralForeground1,
    backgroundColor: 'transparent',
  },
  message: { color: tokens.colorPaletteRedForeground1 },
});

interface Props {
  label: string;
  recipients: string[];
  onChange: (recipients: string[]) => void;
  classified: Map<string, Classified>;
  participants?: Set<string>;
  error?: string;
  autoFocus?: boolean;
  /** The badge for an address when the compose rules do not apply (forwarding: staff only). */
  statusFor?: (address: string) => RecipientStatus;
}

export function RecipientField({ label, recipients, onChange, classified, participants, error, autoFocus, statusFor }: Props) {
  const styles = useStyles();
  const inputId = useId();
  const errorId = useId();
  const [text, setText] = useState('');

  const add = (raw: string) => {
    const fresh = splitAddresses(raw).filter((address, i, all) => !recipients.includes(address) && all.indexOf(address) === i);
    if (fresh.length) onChange([...recipients, ...fresh]);
    setText('');
  };
  const remove = (address: string) => onChange(recipients.filter((r) => r !== address));

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const commits = event.key === 'Enter' || event.key === ',' || event.key === ';' || (event.key === 'Tab' && text.trim() !== '');
    if (commits && text.trim()) {
      if (event.key !== 'Tab') event.preventDefault();
      add(text);
    } else if (event.key === 'Enter') {
      event.preventDefault(); // an empty Enter must not send the form
    } else if (event.key === 'Backspace' && text === '' && recipients.length) {
      remove(recipients[recipients.length - 1]!);
    }
  };
  const onPaste = (event: ClipboardEvent<HTMLInputElement>) => {
    const pasted = event.clipboardData.getData('text');
    if (/[,;\n\s]/.test(pasted.trim())) {
      event.preventDefault();
      add(`${text} ${pasted}`);
    }
  };

  return (
    <div className={styles.field}>
      <Label htmlFor={inputId} className={styles.label}>
        {label}
      </Label>
      <div className={mergeClasses(styles.box, error && styles.invalid)} onClick={() => document.getElementById(inputId)?.focus()}>
        {recipients.length > 0 && (
          <ul className={styles.chips} aria-label={`${label} recipients`}>
            {recipients.map((address) => {
              const status = statusFor ? statusFor(address) : statusOf(classified.get(address), participants?.has(address));
              return (
                <li key={address} className={styles.chip}>
                  <Text size={200} className={styles.address} title={address}>
                    {address}
                  </Text>
                  <ScreenReaderOnly>:</ScreenReaderOnly>
                  <Badge size="small" appearance="tint" color={status.color}>
                    {status.label}
                  </Badge>
                  <Button
                    size="small"
                    appearance="transparent"
                    icon={<Dismiss12Regular />}
                    aria-label={`Remove ${address}`}
                    onClick={(event) => {
                      event.stopPropagation();
                      remove(address);
                      document.getElementById(inputId)?.focus();
                    }}
                  />
                </li>
              );
            })}
          </ul>
        )}
        <input
          id={inputId}
          className={styles.input}
          type="text"
          inputMode="email"
          autoCapitalize="off"
          spellCheck={false}
          autoComplete="email"
          autoFocus={autoFocus}
          value={text}
          placeholder={recipients.length ? '' : 'Type an email address, then press Enter'}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
          onBlur={() => text.trim() && add(text)}
        />
      </div>
      {error && (
        <Text id={errorId} size={200} className={styles.message} role="alert">
          {error}
        </Text>
      )}
    </div>
  );
}
