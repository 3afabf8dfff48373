/**
 * Who signs and how: the message's To and Cc recipients to tick, the chosen ones in signing order (moved up and
 * down with buttons), in order or all at once, and an optional expiry.
 */
import { Button, Checkbox, Field, Input, Label, makeStyles, Radio, RadioGroup, Text, tokens } from '@fluentui/react-components';
import { useId } from 'react';
import { ArrowDown16Regular, ArrowUp16Regular } from '@fluentui/react-icons';
import { colourOf, moveSigner, type SignatureDraft } from './draft';

export interface Recipient {
  email: string;
  name: string;
}

const useStyles = makeStyles({
  wrap: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  swatch: { width: '12px', height: '12px', borderRadius: '50%', flexShrink: 0 },
  position: { minWidth: '1.5em', fontWeight: tokens.fontWeightSemibold },
  who: { flexGrow: 1, minWidth: 0, overflowWrap: 'anywhere' },
  muted: { color: tokens.colorNeutralForeground3 },
});

export function SignerChoice({ draft, onDraft, recipients }: { draft: SignatureDraft; onDraft: (d: SignatureDraft) => void; recipients: Recipient[] }) {
  const styles = useStyles();
  const ids = { label: useId(), hint: useId() };
  const nameOf = (email: string) => recipients.find((r) => r.email === email)?.name || email;
  const toggle = (email: string, on: boolean) =>
    onDraft({ ...draft, signers: on ? [...draft.signers, email] : draft.signers.filter((s) => s !== email), fields: on ? draft.fields : draft.fields.filter((f) => f.signer !== email) });
  const sequential = draft.order === 'sequential';

  return (
    <div className={styles.wrap}>
      {/* not a Field: a Field gives its one id to every checkbox inside it, and each label would tick the first */}
      <div role="group" aria-labelledby={ids.label} aria-describedby={ids.hint} className={styles.group}>
        <Label id={ids.label}>Signers</Label>
        {recipients.length === 0 ? (
          <Text className={styles.muted}>Add the people who should sign in To or Cc first.</Text>
        ) : (
          <div className={styles.list}>
            {recipients.map((r) => (
              <Checkbox
                key={r.email}
                checked={draft.signers.includes(r.email)}
                onChange={(_, d) => toggle(r.email, d.checked === true)}
                label={r.name && r.name !== r.email ? `${r.name} (${r.email})` : r.email}
              />
            ))}
          </div>
        )}
        <Text size={200} id={ids.hint} className={styles.muted}>
          Signers are chosen among the To and Cc recipients.
        </Text>
      </div>

      <Field label="How they sign">
        <RadioGroup value={draft.order} onChange={(_, d) => onDraft({ ...draft, order: d.value as SignatureDraft['order'] })}>
          <Radio value="sequential" label="In order: each signer is asked after the one before has signed" />
          <Radio value="parallel" label="All at once: every signer is asked now" />
        </RadioGroup>
      </Field>

      {draft.signers.length > 0 && (
        <ol className={styles.list} aria-label={sequential ? 'Signing order' : 'Signers'}>
          {draft.signers.map((email, i) => (
            <li key={email} className={styles.row}>
              <span className={styles.swatch} style={{ backgroundColor: colourOf(recipients.map((r) => r.email), email) }} aria-hidden />
              {sequential && <span className={styles.position}>{i + 1}.</span>}
              <span className={styles.who}>{nameOf(email)}</span>
              {sequential && draft.signers.length > 1 && (
                <span>
                  <Button size="small" appearance="subtle" icon={<ArrowUp16Regular />} disabled={i === 0} aria-label={`Move ${nameOf(email)} earlier`}
                    onClick={() => onDraft({ ...draft, signers: moveSigner(draft.signers, email, -1) })} />
                  <Button size="small" appearance="subtle" icon={<ArrowDown16Regular />} disabled={i === draft.signers.length - 1} aria-label={`Move ${nameOf(email)} later`}
                    onClick={() => onDraft({ ...draft, signers: moveSigner(draft.signers, email, 1) })} />
                </span>
              )}
            </li>
          ))}
        </ol>
      )}

      <Field label="Signatures due by (optional)" hint="After this moment the document can no longer be signed.">
        <Input type="datetime-local" value={draft.expires} onChange={(_, d) => onDraft({ ...draft, expires: d.value })} />
      </Field>
    </div>
  );
}
