/** The email templates: wording carries the organization, links survive, and interpolated values are escaped. */
import { templates } from './templates';

const LINK = 'https://sealpost.test/register?token=abc&next=%2Fportal';
const HOSTILE = '<script>alert(1)</script> "Eve" & \'co\'';

test('when an organization is given, then the signup confirmation names it in subject, text and html', () => {
  const mail = templates.signupConfirmation({ name: 'Ada', organizationName: 'Analytical Engines', link: LINK });
  expect(mail.subject).toBe('Confirm your Sealpost account for Analytical Engines');
  expect(mail.text).toContain('Hello Ada,');
  expect(mail.text).toContain(LINK);
  expect(mail.html).toContain('Analytical Engines');
  // & in the link is escaped in the attribute and decodes back to the same URL.
  expect(mail.html).toContain('href="https://sealpost.test/register?token=abc&amp;next=%2Fportal"');
});

test('when there is no organization, then the signup confirmation does not mention one', () => {
  const mail = templates.signupConfirmation({ name: 'Ada', organizationName: null, link: LINK });
  expect(mail.subject).toBe('Confirm your Sealpost account');
  expect(mail.text).not.toMatch(/ for /);
});

test('when names hold markup, then the html escapes them and the subject stays on one line', () => {
  const mail = templates.signupConfirmation({ name: HOSTILE, organizationName: `Evil\r\nBcc: x@y ${HOSTILE}`, link: LINK });
  expect(mail.html).not.toContain('<script>');
  expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &quot;Eve&quot; &amp; &#39;co&#39;');
  expect(mail.subject).not.toMatch(/[\r\n]/);
  const reset = templates.passwordReset({ name: HOSTILE, link: LINK, minutes: 30 });
  expect(reset.html).not.toContain('<script>');
});

test('when a link is not http(s), then the template refuses it', () => {
  expect(() => templates.passwordReset({ name: 'Ada', link: 'javascript:alert(1)', minutes: 30 })).toThrow();
  expect(() => templates.accountExists({ signInLink: 'not a url', resetLink: LINK })).toThrow();
});

test('when someone signs up with a taken address, then the owner gets both ways back in and nothing about the requester', () => {
  const signIn = 'https://sealpost.test/sign-in';
  const reset = 'https://sealpost.test/reset';
  const mail = templates.accountExists({ signInLink: signIn, resetLink: reset });
  for (const part of [mail.text, mail.html]) {
    expect(part).toContain(signIn);
    expect(part).toContain(reset);
  }
  expect(mail.subject).toContain('your email address');
  expect(mail.text).toContain('your account has not changed');
});

test('when a password reset is sent, then it states how long the link works', () => {
  const mail = templates.passwordReset({ name: 'Ada', link: LINK, minutes: 30 });
  expect(mail.subject).toBe('Reset your Sealpost password');
  expect(mail.text).toContain('expires in 30 minutes');
  expect(mail.html).toContain('expires in 30 minutes');
  expect(mail.html).toContain('Choose a new password');
});

test('when an organization set a brand, then the message notice carries its colour and logo but never the content', () => {
  const brand = { accentColor: '#7a1f5c', logoUrl: 'https://sealpost.test/api/v1/branding/logo/o1?v=ab', organizationName: 'Harbor & Co' };
  const mail = templates.messageNotice({ name: 'Ada', senderName: 'Dana', organizationName: 'Harbor & Co', link: LINK, brand });
  expect(mail.html).toContain('background:#7a1f5c');
  expect(mail.html).toContain('<img src="https://sealpost.test/api/v1/branding/logo/o1?v=ab" alt="Harbor &amp; Co"');
  const plain = templates.messageNotice({ name: 'Ada', senderName: 'Dana', organizationName: 'Harbor & Co', link: LINK });
  expect(plain.html).not.toContain('#7a1f5c');
  expect(plain.html).not.toContain('<img');
});

test('when a signer is reminded, then the email names who asks and for which organization, links to the request, and escapes both', () => {
  const link = 'https://sealpost.test/portal/signatures/4b1c0f1e-7d2a-4c55-9a43-2f1d6c1e9b10';
  const mail = templates.signatureReminder({ name: 'Gil', requesterName: 'Pat Pro', organizationName: 'Harbor Clinic', link });
  expect(mail.subject).toBe('Reminder: Pat Pro of Harbor Clinic is waiting for your signature');
  expect(mail.text).toContain('Hello Gil,');
  expect(mail.text).toContain(`Review and sign: ${link}`);
  expect(mail.html).toContain(`href="${link}"`);
  const hostile = templates.signatureReminder({ name: HOSTILE, requesterName: `Eve\r\nBcc: x@y ${HOSTILE}`, organizationName: HOSTILE, link });
  expect(hostile.subject).not.toMatch(/[\r\n]/);
  expect(hostile.html).not.toContain('<script>');
});
