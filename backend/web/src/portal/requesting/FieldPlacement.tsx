/**
 * Placing fields on the document's pages: pick whose field and which kind, then click on a page (or "Add at page
 * centre" from the keyboard). The selected field can be made optional or deleted here; moving and resizing happen
 * on the page. Each signer's fields are in their colour.
 */
import { Button, Checkbox, Field, makeStyles, Select, Text, tokens } from '@fluentui/react-components';
import { Add16Regular, Delete16Regular } from '@fluentui/react-icons';
import { useMemo, useState } from 'react';
import type { OpenedPdf } from '../signing/pdfDocument';
import { PdfPages } from '../signing/PdfPages';
import { colourOf, FIELD_KINDS, kindLabel, newField, type DraftField, type FieldKind, type PageBox, type SignatureDraft } from './draft';
import { PagePlacement } from './PagePlacement';
import type { Recipient } from './SignerChoice';

const useStyles = makeStyles({
  wrap: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  tools: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: tokens.spacingHorizontalM,
    padding: tokens.spacingVerticalS,
    backgroundColor: tokens.colorNeutralBackground2,
    borderRadius: tokens.borderRadiusMedium,
    position: 'sticky',
    top: 0,
    zIndex: 1,
  },
  selected: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  hint: { color: tokens.colorNeutralForeground3 },
});

interface Props {
  draft: SignatureDraft;
  onDraft: (d: SignatureDraft) => void;
  recipients: Recipient[];
  doc: OpenedPdf;
  documentName: string;
}

export function FieldPlacement({ draft, onDraft, recipients, doc, documentName }: Props) {
  const styles = useStyles();
  const [signer, setSigner] = useState('');
  const [kind, setKind] = useState<FieldKind>('signature');
  const [required, setRequired] = useState(true);
  const [targetPage, setTargetPage] = useState(1);
  const [selected, setSelected] = useState<string | null>(null);

  const pages = useMemo<PageBox[]>(() => doc.viewports.map((v) => {
    const [x0, y0, x1, y1] = v.viewBox as number[];
    return { x0: Math.min(x0!, x1!), y0: Math.min(y0!, y1!), x1: Math.max(x0!, x1!), y1: Math.max(y0!, y1!) };
  }), [doc]);
  const emails = recipients.map((r) => r.email);
  const nameOf = (email: string) => recipients.find((r) => r.email === email)?.name || email;
  const current = draft.signers.includes(signer) ? signer : (draft.signers[0] ?? '');
  const chosen = draft.fields.find((f) => f.key === selected) ?? null;

  const add = (pageNumber: number, at?: { x: number; y: number }) => {
    if (!current) return;
    const field = { ...newField(current, kind, pageNumber, pages[pageNumber - 1]!, at), required };
    onDraft({ ...draft, fields: [...draft.fields, field] });
    setSelected(field.key);
    return field;
  };
  const change = (field: DraftField) => onDraft({ ...draft, fields: draft.fields.map((f) => (f.key === field.key ? field : f)) });
  const remove = (key: string) => {
    onDraft({ ...draft, fields: draft.fields.filter((f) => f.key !== key) });
    setSelected(null);
  };
  const addAtCentre = () => {
    const field = add(targetPage);
    // the new field takes the focus, so the arrow keys move it at once
    if (field) requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-field-key="${field.key}"]`)?.focus());
  };

  if (!draft.signers.length) return <Text className={styles.hint}>Choose the signers above, then place their fields on the pages.</Text>;

  return (
    <div className={styles.wrap}>
      <div className={styles.tools} role="toolbar" aria-label="Field tools">
        <Field label="Field for">
          <Select value={current} onChange={(_, d) => setSigner(d.value)} style={{ color: colourOf(emails, current) }}>
            {draft.signers.map((email) => (
              <option key={email} value={email}>
                {nameOf(email)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Kind">
          <Select value={kind} onChange={(_, d) => setKind(d.value as FieldKind)}>
            {FIELD_KINDS.map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.label}
              </option>
            ))}
          </Select>
        </Field>
        <Checkbox checked={required} onChange={(_, d) => setRequired(d.checked === true)} label="Required" />
        {pages.length > 1 && (
          <Field label="Page">
            <Select value={String(targetPage)} onChange={(_, d) => setTargetPage(Number(d.value))}>
              {pages.map((_, i) => (
                <option key={i} value={i + 1}>
                  {i + 1}
                </option>
              ))}
            </Select>
          </Field>
        )}
        <Button icon={<Add16Regular />} onClick={addAtCentre}>
          Add at page centre
        </Button>
      </div>

      <Text size={200} className={styles.hint}>
        Click on a page to place a field there. Drag a field to move it, or its corner to resize it. With the keyboard: arrow keys move the focused field
        (Shift: further), Alt+arrows resize it, Delete removes it.
      </Text>

      {chosen && (
        <div className={styles.selected} aria-live="polite">
          <Text weight="semibold" style={{ color: colourOf(emails, chosen.signer) }}>
            Selected: {kindLabel(chosen.kind)} for {nameOf(chosen.signer)}, page {chosen.page}
          </Text>
          <Checkbox checked={chosen.required} onChange={(_, d) => change({ ...chosen, required: d.checked === true })} label="Required" />
          <Button size="small" icon={<Delete16Regular />} onClick={() => remove(chosen.key)}>
            Delete field
          </Button>
        </div>
      )}

      <PdfPages
        doc={doc}
        label={`${documentName}: place the fields`}
        renderOverlay={(geometry) => (
          <PagePlacement
            geometry={geometry}
            box={pages[geometry.pageNumber - 1]!}
            fields={draft.fields.filter((f) => f.page === geometry.pageNumber && draft.signers.includes(f.signer))}
            selected={selected}
            colourOf={(email) => colourOf(emails, email)}
            nameOf={nameOf}
            onAdd={(at) => add(geometry.pageNumber, at)}
            onSelect={setSelected}
            onChange={change}
            onRemove={remove}
          />
        )}
      />
    </div>
  );
}
