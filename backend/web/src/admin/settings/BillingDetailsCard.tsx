/** Who the invoices bill: the organization's billing address and tax id, printed under "Billed to" on every invoice. */
import { Button, Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { Settings } from '@contract/organization';
import { Card } from '../ui';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, alignItems: 'stretch' },
  save: { alignSelf: 'flex-start' },
});

// The same bounds as the contract (displayText 300 and 40): one line each.
const ADDRESS_MAX = 300;
const TAX_ID_MAX = 40;
const oneLine = (text: string) => !/[\u0000-\u001f\u007f]/.test(text);

interface Props {
  settings: Settings;
  canChange: boolean;
  busy: boolean;
  save: (patch: Pick<Settings, 'billingAddress' | 'taxId'>, done: string) => Promise<unknown>;
}

export function BillingDetailsCard({ settings, canChange, busy, save }: Props) {
  const styles = useStyles();
  const [address, setAddress] = useState(settings.billingAddress);
  const [taxId, setTaxId] = useState(settings.taxId);
  const addressProblem = address.length > ADDRESS_MAX ? `Keep the address to ${ADDRESS_MAX} characters.` : undefined;
  const taxIdProblem = taxId.length > TAX_ID_MAX ? `Keep the tax id to ${TAX_ID_MAX} characters.` : undefined;
  const changed = address.trim() !== settings.billingAddress || taxId.trim() !== settings.taxId;
  const valid = !addressProblem && !taxIdProblem && oneLine(address) && oneLine(taxId);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (valid && changed) await save({ billingAddress: address.trim(), taxId: taxId.trim() }, 'Billing details saved. Invoices show them from now on.');
  };
  return (
    <Card title="Billing details" description='Printed under "Billed to" on your invoices, with the organization name.'>
      <form className={styles.form} onSubmit={submit}>
        <Field label="Billing address" hint="One line; separate its parts with commas." validationMessage={addressProblem}>
          <Input value={address} disabled={!canChange} onChange={(_e, d) => setAddress(d.value)} placeholder="5 Quay Rd, Bristol BS1 4DJ, United Kingdom" />
        </Field>
        <Field label="Tax id" hint="VAT or other tax number, if your invoices need one." validationMessage={taxIdProblem}>
          <Input value={taxId} disabled={!canChange} onChange={(_e, d) => setTaxId(d.value)} />
        </Field>
        <Button className={styles.save} type="submit" disabled={!canChange || busy || !valid || !changed}>Save billing details</Button>
      </form>
    </Card>
  );
}
