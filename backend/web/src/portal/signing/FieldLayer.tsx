/**
 * The fields on one page, laid over it: the signer's own highlighted and fillable (signature and initials show the
 * adopted signature, the date shows the day it will carry, text and checkboxes take input), other signers' fields
 * outlined faintly with whose they are.
 */
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { CSSProperties } from 'react';
import type { PageGeometry } from './PdfPages';
import { ScreenReaderOnly } from '../ui';
import { SIGNATURE_FONT_FAMILY } from './signatureFont';
import { fieldDomId, isFilled, KIND_LABELS, type FieldValues } from './signingFields';
import type { AdoptedSignature, SignatureField } from './signaturesApi';

const useStyles = makeStyles({
  field: {
    position: 'absolute',
    boxSizing: 'border-box',
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    overflow: 'hidden',
    padding: 0,
    margin: 0,
    font: 'inherit',
    color: '#0d1a59',
    border: `2px solid ${tokens.colorPaletteMarigoldBorderActive}`,
    backgroundColor: 'rgba(255, 214, 0, 0.28)',
    borderRadius: tokens.borderRadiusSmall,
    ':focus-visible': { outline: `3px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
    ':focus-within': { outline: `3px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
  },
  filled: { backgroundColor: 'rgba(16, 124, 16, 0.10)', border: `2px solid ${tokens.colorPaletteGreenBorderActive}` },
  action: { cursor: 'pointer' },
  label: { fontSize: '11px', fontWeight: 600, whiteSpace: 'nowrap', textOverflow: 'ellipsis', overflow: 'hidden', paddingInline: '2px' },
  required: { position: 'absolute', top: '-1px', right: '2px', fontWeight: 700, color: tokens.colorPaletteRedForeground1, pointerEvents: 'none' },
  typed: { fontFamily: SIGNATURE_FONT_FAMILY, whiteSpace: 'nowrap', lineHeight: 1 },
  image: { maxWidth: '100%', maxHeight: '100%', objectFit: 'contain' },
  input: {
    width: '100%',
    height: '100%',
    border: 'none',
    background: 'transparent',
    color: 'inherit',
    padding: '0 3px',
    font: 'inherit',
    outline: 'none',
  },
  // A checkbox placed at 16 points is under 10 pixels on a phone: it keeps a finger-sized box around it.
  checkboxField: { overflow: 'visible' },
  checkbox: { width: '100%', height: '100%', minWidth: '20px', minHeight: '20px', margin: 0, flexShrink: 0, accentColor: tokens.colorBrandBackground, cursor: 'pointer' },
  foreign: {
    position: 'absolute',
    boxSizing: 'border-box',
    border: `1px dashed ${tokens.colorNeutralStroke1}`,
    backgroundColor: 'rgba(128, 128, 128, 0.08)',
    color: tokens.colorNeutralForeground3,
    fontSize: '10px',
    lineHeight: 1.1,
    overflow: 'hidden',
    whiteSpace: 'nowrap',
    textOverflow: 'ellipsis',
    paddingInline: '2px',
  },
});

interface Props {
  page: PageGeometry;
  own: SignatureField[];
  others: SignatureField[];
  namesByEmail: ReadonlyMap<string, string>;
  /** false: shown but not fillable (not consented yet, not the signer's turn, or decided). */
  editable: boolean;
  values: FieldValues;
  adopted: AdoptedSignature | null;
  today: string;
  onValue: (fieldId: string, value: string | boolean) => void;
  /** A signature or initials field pressed, or any field pressed while not editable yet. */
  onActivate: (field: SignatureField) => void;
}

const box = (page: PageGeometry, f: SignatureField): CSSProperties => {
  const { left, top, width, height } = page.toCss(f);
  return { left, top, width, height };
};

function AdoptedMark({ adopted, height }: { adopted: AdoptedSignature; height: number }) {
  const styles = useStyles();
  if ('typed' in adopted) {
    return (
      <span className={styles.typed} style={{ fontSize: Math.max(8, height * 0.7) }}>
        {adopted.typed}
      </span>
    );
  }
  return <img className={styles.image} src={`data:image/png;base64,${adopted.drawnPng}`} alt="" />;
}

export function FieldLayer({ page, own, others, namesByEmail, editable, values, adopted, today, onValue, onActivate }: Props) {
  const styles = useStyles();
  return (
    <>
      {others.map((f) => (
        <div key={f.id} className={styles.foreign} style={box(page, f)} title={`${KIND_LABELS[f.kind]} for ${namesByEmail.get(f.signer) ?? f.signer}`}>
          {namesByEmail.get(f.signer) ?? f.signer}
        </div>
      ))}
      {own.map((f) => {
        const style = box(page, f);
        const filled = isFilled(f, values, adopted);
        const className = mergeClasses(styles.field, filled && f.kind !== 'dateSigned' && styles.filled);
        const required = f.required ? ', required' : ', optional';
        const mark = f.required && !filled ? <span className={styles.required} aria-hidden>*</span> : null;
        const fontSize = Math.max(8, Math.min(16, (style.height as number) * 0.6));
        if (f.kind === 'signature' || f.kind === 'initials') {
          // The visible words start the accessible name; the rest says where and whether it is needed.
          const where = ` (${KIND_LABELS[f.kind].toLowerCase()} on page ${f.page}${required})`;
          return (
            <button key={f.id} id={fieldDomId(f.id)} type="button" className={mergeClasses(className, styles.action)} style={style} onClick={() => onActivate(f)}>
              {adopted && editable ? (
                <>
                  <AdoptedMark adopted={adopted} height={style.height as number} />
                  <ScreenReaderOnly>Your adopted signature{where}</ScreenReaderOnly>
                </>
              ) : (
                <>
                  <span className={styles.label}>{f.kind === 'signature' ? 'Sign here' : 'Initial here'}</span>
                  <ScreenReaderOnly>{where}</ScreenReaderOnly>
                </>
              )}
              {mark}
            </button>
          );
        }
        if (f.kind === 'dateSigned') {
          return (
            <div key={f.id} id={fieldDomId(f.id)} tabIndex={-1} className={className} style={{ ...style, fontSize }}>
              {editable ? today : <span className={styles.label}>Date signed</span>}
              <ScreenReaderOnly> (date signed on page {f.page}: filled in when you sign)</ScreenReaderOnly>
            </div>
          );
        }
        if (!editable) {
          return (
            <button key={f.id} id={fieldDomId(f.id)} type="button" className={mergeClasses(className, styles.action)} style={style} onClick={() => onActivate(f)}>
              <span className={styles.label}>{KIND_LABELS[f.kind]}</span>
              <ScreenReaderOnly> on page {f.page}{required}</ScreenReaderOnly>
              {mark}
            </button>
          );
        }
        if (f.kind === 'text') {
          return (
            <div key={f.id} className={className} style={{ ...style, fontSize }}>
              <input
                id={fieldDomId(f.id)}
                className={styles.input}
                value={typeof values[f.id] === 'string' ? (values[f.id] as string) : ''}
                maxLength={2000}
                aria-label={`Text on page ${f.page}${required}`}
                aria-required={f.required}
                onChange={(e) => onValue(f.id, e.target.value)}
              />
              {mark}
            </div>
          );
        }
        return (
          <div key={f.id} className={mergeClasses(className, styles.checkboxField)} style={style}>
            <input
              id={fieldDomId(f.id)}
              type="checkbox"
              className={styles.checkbox}
              checked={values[f.id] === true}
              aria-label={`Checkbox on page ${f.page}${required}`}
              aria-required={f.required}
              onChange={(e) => onValue(f.id, e.target.checked)}
            />
            {mark}
          </div>
        );
      })}
    </>
  );
}
