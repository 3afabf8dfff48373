/**
 * Adopting a signature: typed (shown in the handwriting face the completed PDF uses) or drawn on the pad. The one
 * adopted signature goes into every signature and initials field of the signer, as the server draws it.
 */
import {
  Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, Input, makeStyles, Tab, TabList, Text, tokens,
} from '@fluentui/react-components';
import { useEffect, useState, type FormEvent } from 'react';
import { DrawingPad, strokesToPng, type Stroke } from './DrawingPad';
import { loadSignatureFont, SIGNATURE_FONT_FAMILY } from './signatureFont';
import type { AdoptedSignature } from './signaturesApi';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  preview: {
    fontFamily: SIGNATURE_FONT_FAMILY,
    fontSize: '40px',
    lineHeight: 1.3,
    minHeight: '64px',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    color: '#0d1a59',
    backgroundColor: '#ffffff',
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    overflowWrap: 'anywhere',
  },
  note: { color: tokens.colorNeutralForeground3 },
});

const MAX_TYPED = 80;

export function AdoptDialog({ name, onClose, onAdopted }: { name: string; onClose: () => void; onAdopted: (adopted: AdoptedSignature) => void }) {
  const styles = useStyles();
  const [mode, setMode] = useState<'typed' | 'drawn'>('typed');
  const [typed, setTyped] = useState(name.slice(0, MAX_TYPED));
  const [strokes, setStrokes] = useState<Stroke[]>([]);
  const [checked, setChecked] = useState(false);
  useEffect(() => void loadSignatureFont(), []);

  const missing = mode === 'typed' ? !typed.trim() : strokes.length === 0;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (missing) return;
    if (mode === 'typed') return onAdopted({ typed: typed.trim() });
    const png = strokesToPng(strokes);
    if (png) onAdopted({ drawnPng: png });
  };

  return (
    <Dialog open onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface>
        <form onSubmit={submit} noValidate aria-label="Adopt your signature">
          <DialogBody>
            <DialogTitle>Adopt your signature</DialogTitle>
            <DialogContent className={styles.content}>
              <TabList selectedValue={mode} onTabSelect={(_, d) => (setMode(d.value as 'typed' | 'drawn'), setChecked(false))}>
                <Tab value="typed">Type</Tab>
                <Tab value="drawn">Draw</Tab>
              </TabList>
              {mode === 'typed' ? (
                <>
                  <Field label="Your name as you sign it" required validationMessage={checked && missing ? 'Type your name.' : undefined}>
                    <Input value={typed} onChange={(_, d) => setTyped(d.value.slice(0, MAX_TYPED))} autoComplete="name" />
                  </Field>
                  <div className={styles.preview} aria-label="Preview of your signature" role="img">
                    {typed}
                  </div>
                </>
              ) : (
                <Field validationMessage={checked && missing ? 'Draw your signature on the pad.' : undefined}>
                  <DrawingPad onChange={setStrokes} />
                </Field>
              )}
              <Text size={200} className={styles.note}>
                It goes into each of your signature and initials fields. By signing you agree that it is your electronic signature.
              </Text>
            </DialogContent>
            <DialogActions>
              <Button type="submit" appearance="primary">
                Adopt signature
              </Button>
              <Button onClick={onClose}>Cancel</Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
