/**
 * The add-in's help page, at the manifest's SupportUrl (/help under ADDIN_BASE_URL): how to sign in, what each
 * stop on Send means and what to do, what recipients get, and who to ask. Public and static, because Outlook
 * opens it in a browser for people who may not be signed in, and it names nobody from any organization.
 */
import type { RequestHandler } from 'express';
import { html, page } from '../pages/layout';

/** addinBase: where the add-in is served; siteBase: Sealpost's own address ('' for this origin). */
export function helpPage(addinBase: string, siteBase: string): RequestHandler {
  const manifestUrl = `${addinBase}/addin/manifest.xml`;
  // The shared page style sizes only the title; section headings stay below it.
  const h2 = (text: string) => html`<h2 style="font-size:1.1rem;margin:26px 0 8px">${text}</h2>`;
  const body = html`
<p class="note">For people who send from Outlook with the Sealpost add-in.</p>
${h2('Sign in')}
<ol>
  <li>In a new message, choose <strong>Send securely</strong> in the Sealpost group of the ribbon. The Sealpost pane opens.</li>
  <li>Choose <strong>Sign in</strong> and enter your Sealpost email and password, then the code from your authenticator app
    if your organization asks for 2-step verification.</li>
  <li>Turn on <strong>Send securely</strong> for the message and press Send as usual.</li>
</ol>
<p>No account yet? Sealpost accounts come from an invitation by your organization. Forgot your password?
  <a href="${siteBase}/forgot-password">Reset it</a>.</p>
${h2('When Outlook stops your message')}
<p>Sealpost checks a secure message when you press Send, and says why when it stops it. Nothing was sent.</p>
<ul>
  <li><strong>Someone is new to Sealpost.</strong> They will be invited to read the message. Choose <strong>Review</strong>,
    confirm or skip each person, then press Send again.</li>
  <li><strong>Someone cannot receive it, or an entry has no address</strong> (a contact group). Remove them, or replace a
    group with the people in it.</li>
  <li><strong>Sign in to Sealpost.</strong> Your session ended. Choose <strong>Sign in</strong>, then press Send again.</li>
  <li><strong>Sealpost could not be reached.</strong> Check your connection and press Send again a little later.</li>
</ul>
${h2('What your recipients get')}
<p>The message and its attachments stay encrypted in Sealpost. Outlook sends only a short notice with a link to the
  Sealpost portal. People new to Sealpost also get an email inviting them to register.</p>
${h2('Who to ask')}
<p>Your organization's Sealpost admins manage accounts, invitations, 2-step verification and the add-in. The person
  who invited you, or your IT help desk, can tell you who they are.</p>
<p class="note">Admins: the add-in's manifest is <a href="${manifestUrl}">${manifestUrl}</a>. Deploy it from the
  Microsoft 365 admin center (Settings, Integrated apps, Upload custom apps); the check on Send runs only for an
  add-in deployed by an admin.</p>
<p class="links"><a href="${siteBase}/login">Sign in to the Sealpost portal</a></p>`;
  const text = page('Sealpost for Outlook: help', body);
  return (_req, res) => {
    res.status(200).type('html').set('Cache-Control', 'public, max-age=300').send(text);
  };
}
