/**
 * The Settings section: claimed domains and auto-provisioning, security (2-step requirement with how many still
 * need to enroll, invitation expiry), the add-in's secure-send policy, signature requests (reminders, consent
 * wording), and the billing details invoices print. Admins change them; user managers see them.
 * The name, logo and colour are under Branding.
 */
import { Button, Field, Input, makeStyles, MessageBar, MessageBarBody, Radio, RadioGroup, Switch, Text, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { useAction } from '../../shared/useAction';
import { api } from '../api';
import { plural } from '../format';
import type { Abilities } from '@contract/me';
import type { Settings, SettingsChange } from '@contract/organization';
import { Card, ProblemBar, useNotify } from '../ui';
import { BillingDetailsCard } from './BillingDetailsCard';
import { DomainsCard } from './DomainsCard';
import { SignatureSettingsCard } from './SignatureSettingsCard';

const useStyles = makeStyles({
  // min(): one column on a phone instead of cards wider than the screen
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(420px, 100%), 1fr))', gap: tokens.spacingVerticalL, alignItems: 'start' },
  row: { display: 'flex', alignItems: 'flex-end', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  days: { width: '120px' },
});


export function SettingsSection({ settings, abilities, onSettings }: { settings: Settings; abilities: Abilities; onSettings: (s: Settings) => void }) {
  const styles = useStyles();
  const notify = useNotify();
  const { busy, problem, run } = useAction();
  const canChange = abilities.changeSettings;
  const [days, setDays] = useState(String(settings.invitationExpiryDays));

  const save = async (patch: SettingsChange, done: string) => {
    const updated = await run(() => api.patch<Settings>('/api/v1/organization/settings', patch));
    if (updated) {
      onSettings({ ...settings, ...updated });
      notify(done);
    }
    return updated;
  };
  const daysValue = Number(days);
  const daysValid = /^\d+$/.test(days) && daysValue >= 1 && daysValue <= 30;

  return (
    <>
      {!canChange && (
        <MessageBar intent="info">
          <MessageBarBody>Only admins can change these settings. You can see them because you manage users.</MessageBarBody>
        </MessageBar>
      )}
      <ProblemBar problem={problem} />
      <div className={styles.grid}>
        <DomainsCard canManage={abilities.manageDomains} />
        <Card title="Auto-provisioning" description="What people on your verified domains become when they are first invited or send to you.">
          <RadioGroup
            aria-label="Auto-provisioning"
            value={settings.autoProvision}
            disabled={!canChange || busy}
            onChange={(_e, d) => void save({ autoProvision: d.value as Settings['autoProvision'] }, 'Auto-provisioning saved.')}
          >
            <Radio value="off" label="Off — invite everyone as a guest unless someone chooses pro" />
            <Radio value="guest" label="As guests" />
            <Radio value="pro" label="As pros while a seat is free (otherwise as guests, and admins are told)" />
          </RadioGroup>
        </Card>
        <Card title="Security">
          <Switch
            label="Require 2-step verification"
            checked={settings.requireTwoStep}
            disabled={!canChange || busy}
            onChange={(_e, d) => void save({ requireTwoStep: d.checked }, d.checked ? '2-step verification is now required.' : '2-step verification is now optional.')}
          />
          <Text as="p" role="status">
            {settings.activeWithoutTwoStep === 0
              ? 'Every active member has set up 2-step verification.'
              : `${plural(settings.activeWithoutTwoStep, 'active member has', 'active members have')} not set up 2-step verification yet${settings.requireTwoStep ? '; they will be asked to at their next sign-in.' : '.'}`}
          </Text>
          <div className={styles.row}>
            <Field label="Invitation links work for (days)" validationMessage={daysValid ? undefined : 'Enter a whole number of days from 1 to 30.'}>
              <Input className={styles.days} type="number" min={1} max={30} value={days} disabled={!canChange} onChange={(_e, d) => setDays(d.value)} />
            </Field>
            <Button disabled={!canChange || busy || !daysValid || daysValue === settings.invitationExpiryDays} onClick={() => void save({ invitationExpiryDays: daysValue }, 'Invitation expiry saved.')}>
              Save expiry
            </Button>
          </div>
        </Card>
        <Card title="Outlook add-in" description='When the add-in turns on "Send securely".'>
          <RadioGroup
            aria-label="Secure-send policy"
            value={settings.secureSendPolicy}
            disabled={!canChange || busy}
            onChange={(_e, d) => void save({ secureSendPolicy: d.value as Settings['secureSendPolicy'] }, 'Secure-send policy saved.')}
          >
            <Radio value="user_choice" label="Let each sender choose" />
            <Radio value="external_always" label="Always, when a recipient is outside the organization" />
          </RadioGroup>
        </Card>
        <Card title="Messages" description="What a new message starts with; each sender can still change it.">
          <Switch
            label='"No forwarding": recipients cannot forward new messages'
            checked={settings.noForwardingByDefault}
            disabled={!canChange || busy}
            onChange={(_e, d) => void save({ noForwardingByDefault: d.checked }, d.checked ? 'New messages now start with "no forwarding".' : 'New messages can now be forwarded unless their sender says otherwise.')}
          />
        </Card>
        <SignatureSettingsCard settings={settings} canChange={canChange} busy={busy} save={save} />
        <BillingDetailsCard settings={settings} canChange={canChange} busy={busy} save={save} />
      </div>
    </>
  );
}
