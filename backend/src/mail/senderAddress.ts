/**
 * The From of one email: the configured address always (it is ours, and it is what SPF, DKIM and DMARC vouch for),
 * with the name of the person who caused it when there is one — "Ana Ruiz at Northside Clinic via Sealpost" — so a
 * client recognises who wrote without anyone's mailbox being claimed. nodemailer encodes the name for the header.
 */
export type FromHeader = string | { name: string; address: string };

const NAME_MAX = 120;

/** `Name <address>` or a bare address, as MAIL_FROM takes it. */
export function addressOf(configured: string): string {
  const bracketed = /<([^<>]+)>\s*$/.exec(configured);
  return (bracketed ? bracketed[1]! : configured).trim();
}

export function fromHeader(configured: string, senderName: string | undefined): FromHeader {
  if (!senderName) return configured;
  // Names are cleaned where people type them; this guards the header all the same: one line, no controls, bounded.
  const clean = senderName.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, ' ').replace(/\s+/g, ' ').trim();
  if (!clean) return configured;
  const chars = [...clean]; // by code point, so a cut never leaves half a surrogate pair
  const name = chars.length > NAME_MAX ? `${chars.slice(0, NAME_MAX - 1).join('')}…` : clean;
  return { name: `${name} via Sealpost`, address: addressOf(configured) };
}
