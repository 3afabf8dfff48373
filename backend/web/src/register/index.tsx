/** Entry of the registration page (/register?token=…[&next=/portal/…]), the page an invitation email links to. */
import { renderPage } from '../shared/renderPage';
import { portalNext } from './nextPath';
import { RegistrationFlow } from './RegistrationFlow';

const params = new URLSearchParams(window.location.search);
const token = params.get('token') ?? '';
const landing = portalNext(params.get('next')) ?? '/';
// replace(), not assign(): Back should not return to a link that was just used up.
renderPage(<RegistrationFlow token={token} goHome={() => window.location.replace(landing)} />);
