/**
 * Branding: the organization's name, logo (PNG or JPEG up to 512 KB; the server checks the bytes) and accent
 * colour, as emails, the portal header and the add-in notice show them, with a live preview of the invitation email.
 */
import { Button, Field, Input, makeStyles, Spinner, Text, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { ApiProblem } from '../../shared/api';
import { useAction } from '../../shared/useAction';
import { api } from '../api';
import type { Settings } from '@contract/organization';
import { Card, ProblemBar, useNotify } from '../ui';

interface Branding {
  organizationName: string;
  accentColor: string | null;
  logoUrl: string | null;
}

const LOGO_MAX = 512 * 1024;
const HEX = /^#[0-9a-fA-F]{6}$/;
const useStyles = makeStyles({
  grid: { display: 'grid', gridTemplateColumns: 'minmax(320px, 1fr) minmax(360px, 1.2fr)', gap: tokens.spacingHorizontalL, alignItems: 'start', '@media (max-width: 900px)': { gridTemplateColumns: '1fr' } },
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  row: { display: 'flex', alignItems: 'flex-end', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  logo: { maxHeight: '64px', maxWidth: '240px', alignSelf: 'flex-start', border: `1px solid ${tokens.colorNeutralStroke2}`, padding: tokens.spacingVerticalS, borderRadius: tokens.borderRadiusMedium },
  swatch: { width: '48px', height: '32px', padding: 0, border: `1px solid ${tokens.colorNeutralStroke1}`, borderRadius: tokens.borderRadiusMedium, cursor: 'pointer', backgroundColor: 'transparent' },
  hex: { width: '130px' },
  preview: { width: '100%', height: '520px', border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, backgroundColor: '#f5f5f5' },
  file: { display: 'none' },
});

export function BrandingSection({ settings, canChange, onSettings }: { settings: Settings; canChange: boolean; onSettings: (s: Settings) => void }) {
  const styles = useStyles();
  const notify = useNotify();
  const [branding, setBranding] = useState<Branding | null>(null);
  const [loadProblem, setLoadProblem] = useState<ApiProblem | null>(null);
  const [name, setName] = useState(settings.name);
  const [color, setColor] = useState('#0f6cbd');
  const [previewVersion, setPreviewVersion] = useState(0);
  const action = useAction();
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    api.get<Branding>('/api/v1/branding').then(
      (b) => {
        setBranding(b);
        if (b.accentColor) setColor(b.accentColor);
      },
      (err: unknown) => setLoadProblem(err instanceof ApiProblem ? err : new ApiProblem(0, 'unexpected', String(err))),
    );
  }, []);

  const changed = (b: Branding | undefined, done: string) => {
    if (!b) return;
    setBranding(b);
    setPreviewVersion((v) => v + 1);
    notify(done);
  };
  const saveName = async () => {
    const updated = await action.run(() => api.patch<Settings>('/api/v1/organization/settings', { name: name.trim() }));
    if (updated) {
      onSettings({ ...settings, ...updated });
      setPreviewVersion((v) => v + 1);
      notify('Organization name saved.');
    }
  };
  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    if (file.size > LOGO_MAX) {
      action.setProblem(new ApiProblem(413, 'logo_too_large', `${file.name} is larger than 512 KB. Make it smaller (about 400 × 120 pixels is plenty) and upload it again.`));
      return;
    }
    changed(await action.run(() => api.putFile<Branding>('/api/v1/branding/logo', file)), 'Logo saved.');
  };

  if (!branding) return loadProblem ? <ProblemBar problem={loadProblem} /> : <Spinner label="Loading branding…" />;
  return (
    <div className={styles.grid}>
      <div className={styles.column}>
        <ProblemBar problem={action.problem} />
        <Card title="Name" description="How your organization is named in emails, the portal and the add-in.">
          <div className={styles.row}>
            <Field label="Organization name" validationMessage={name.trim() ? undefined : 'Enter a name.'}>
              <Input value={name} maxLength={120} disabled={!canChange} onChange={(_e, d) => setName(d.value)} />
            </Field>
            <Button disabled={!canChange || action.busy || !name.trim() || name.trim() === settings.name} onClick={() => void saveName()}>Save name</Button>
          </div>
        </Card>
        <Card title="Logo" description="A PNG or JPEG of at most 512 KB, shown at most 48 pixels high.">
          {branding.logoUrl ? <img className={styles.logo} src={branding.logoUrl} alt={`${branding.organizationName} logo`} /> : <Text as="p">No logo yet: emails show your name.</Text>}
          {canChange && (
            <div className={styles.row}>
              <input ref={fileInput} className={styles.file} type="file" accept="image/png,image/jpeg" aria-label="Logo file" onChange={(e) => void onFile(e)} />
              <Button appearance="primary" disabled={action.busy} onClick={() => fileInput.current?.click()}>{branding.logoUrl ? 'Replace logo' : 'Upload logo'}</Button>
              {branding.logoUrl && (
                <Button disabled={action.busy} onClick={async () => {
                  const removed = await action.run(async () => {
                    await api.delete('/api/v1/branding/logo');
                    return true;
                  });
                  if (removed) changed({ ...branding, logoUrl: null }, 'Logo removed.');
                }}>
                  Remove logo
                </Button>
              )}
            </div>
          )}
        </Card>
        <Card title="Accent colour" description="Used for buttons in emails and in the portal header. Text on it switches to dark when the colour is light.">
          <div className={styles.row}>
            <input className={styles.swatch} type="color" value={HEX.test(color) ? color.toLowerCase() : '#0f6cbd'} disabled={!canChange} aria-label="Pick the accent colour" onChange={(e) => setColor(e.target.value)} />
            <Field label="Hex colour" validationMessage={HEX.test(color) ? undefined : 'Enter a colour like #0b6e69.'}>
              <Input className={styles.hex} value={color} maxLength={7} disabled={!canChange} onChange={(_e, d) => setColor(d.value)} />
            </Field>
            {canChange && (
              <>
                <Button appearance="primary" disabled={action.busy || !HEX.test(color) || color.toLowerCase() === branding.accentColor} onClick={async () => changed(await action.run(() => api.patch<Branding>('/api/v1/branding', { accentColor: color })), 'Accent colour saved.')}>
                  Save colour
                </Button>
                {branding.accentColor && (
                  <Button disabled={action.busy} onClick={async () => {
                    const b = await action.run(() => api.patch<Branding>('/api/v1/branding', { accentColor: null }));
                    if (b) setColor('#0f6cbd');
                    changed(b, 'Back to the default colour.');
                  }}>
                    Use the default
                  </Button>
                )}
              </>
            )}
          </div>
        </Card>
      </div>
      <Card title="Invitation email preview" description="What someone you invite receives, with the branding saved now.">
        <iframe className={styles.preview} title="Preview of the invitation email" src={`/api/v1/branding/preview/invitation?v=${previewVersion}`} sandbox="" />
      </Card>
    </div>
  );
}
