/** Settings for seat invoices: who sells (printed on every invoice), the tax charged, when payment is due, and mail. */
import { ConfigError, integer, text, type Setting } from './configFormats';

/** A percentage with at most two decimals, as basis points (8.25 → 825), so invoice arithmetic stays in integers. */
export const percentAsBasisPoints = (raw: string): number => {
  const match = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(raw);
  const basisPoints = match ? Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0')) : NaN;
  if (!(basisPoints >= 0 && basisPoints <= 10_000)) throw new ConfigError('must be a percentage from 0 to 100 with at most two decimals, like 8.25');
  return basisPoints;
};

/** One line of seller details: invoices print it as given, so it must not hold line breaks or controls. */
const sellerLine = (max: number) => (raw: string): string => {
  if (/\p{Cc}/u.test(raw) || raw.length > max) throw new ConfigError(`must be one line of at most ${max} characters`);
  return text(raw.trim());
};

export const billingSettings = {
  sellerName: {
    env: 'SELLER_NAME',
    doc: 'The seller printed at the top of every seat invoice; invoice numbers run without gaps per seller.',
    example: 'Sealpost Inc.',
    format: 'one line, at most 120 characters',
    default: () => 'Sealpost',
    parse: sellerLine(120),
  },
  sellerAddress: {
    env: 'SELLER_ADDRESS',
    doc: "The seller's postal address on invoices (commas separate its lines). Unset leaves it off.",
    example: '1 Harbour St, Portland, ME 04101, USA',
    format: 'one line, at most 300 characters',
    default: () => '',
    parse: sellerLine(300),
  },
  sellerTaxId: {
    env: 'SELLER_TAX_ID',
    doc: "The seller's tax or VAT number on invoices. Unset leaves it off.",
    example: 'US12-3456789',
    format: 'one line, at most 40 characters',
    default: () => '',
    parse: sellerLine(40),
  },
  taxRateBasisPoints: {
    env: 'TAX_RATE_PERCENT',
    doc: 'Tax added to seat invoices and shown before buying, in percent.',
    example: '8.25',
    format: 'percentage 0-100, at most two decimals',
    default: () => '0',
    parse: percentAsBasisPoints,
  },
  invoiceDueDays: {
    env: 'INVOICE_DUE_DAYS',
    doc: 'Days after a month ends (when its invoice is issued) that payment is due.',
    example: '30',
    format: 'integer 0-365',
    default: () => '14',
    parse: integer(0, 365),
  },
  invoiceEmailsPerHour: {
    env: 'INVOICE_EMAILS_PER_HOUR',
    doc: 'Invoice emails one person may ask for in an hour.',
    example: '20',
    format: 'integer 1-10000',
    default: () => '20',
    parse: integer(1, 10_000),
  },
} satisfies Record<string, Setting<unknown>>;
