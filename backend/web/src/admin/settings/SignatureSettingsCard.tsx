/**
 * Signature requests in the Settings section: how often a signer whose turn it is is reminded by email (0: never),
 * and the consent to sign electronically in the organization's own words. Admins change them; user managers see them.
 */
import { Button, Field, Input, makeStyles, Textarea, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { Settings, SettingsChange } from '@contract/organization';
import { Card } from '../ui';

const useStyles = makeStyles({
  row: { display: 'flex', alignItems: 'flex-end', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  days: { width: '120px' },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', marginTop: tokens.spacingVerticalS },
});

/** The longest consent wording the server takes (contract/organization.ts). */
const CONSENT_MAX = 5000;

export function SignatureSettingsCard({ settings, canChange, busy, save }: {
  settings: Settings;
  canChange: boolean;
  busy: boolean;
  save: (patch: SettingsChange, done: string) => Promise<Settings | undefined>;
}) {
  const styles = useStyles();
  const [days, setDays] = useState(String(settings.signatureReminderDays));
  const [consent, setConsent] = useState(settings.signatureConsentText);
  const daysValue = Number(days);
  const daysValid = /^\d+$/.test(days) && daysValue <= 30;
  const consentValid = consent.trim().length > 0;

  return (
    <Card title="Signature requests" description="A signer whose turn it is gets an email reminder every so many days until they sign or decline, or the request ends. 0 sends none.">
      <div className={styles.row}>
        <Field
          label="Remind signers every (days)"
          validationMessage={daysValid ? undefined : 'Enter a whole number of days from 0 to 30.'}
        >
          <Input className={styles.days} type="number" min={0} max={30} value={days} disabled={!canChange} onChange={(_e, d) => setDays(d.value)} />
        </Field>
        <Button
          disabled={!canChange || busy || !daysValid || daysValue === settings.signatureReminderDays}
          onClick={() => void save({ signatureReminderDays: daysValue }, daysValue === 0 ? 'Signature reminders are off.' : 'Reminder frequency saved.')}
        >
          Save reminders
        </Button>
      </div>
      <Field
        label="What signers agree to before signing electronically"
        validationMessage={consentValid ? undefined : 'Write the consent, or use the default wording.'}
      >
        <Textarea value={consent} maxLength={CONSENT_MAX} rows={4} resize="vertical" disabled={!canChange} onChange={(_e, d) => setConsent(d.value)} />
      </Field>
      <div className={styles.buttons}>
        <Button
          disabled={!canChange || busy || !consentValid || consent === settings.signatureConsentText}
          onClick={() => void save({ signatureConsentText: consent }, 'Consent wording saved.')}
        >
          Save wording
        </Button>
        <Button
          appearance="subtle"
          disabled={!canChange || busy}
          onClick={() => void save({ signatureConsentText: null }, 'Consent wording is back to the default.').then((updated) => updated && setConsent(updated.signatureConsentText))}
        >
          Use the default wording
        </Button>
      </div>
    </Card>
  );
}
