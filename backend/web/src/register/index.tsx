/** Entry of the registration page (/register?token=…), the page an invitation email links to. */
import { renderPage } from '../shared/renderPage';
import { RegistrationFlow } from './RegistrationFlow';

const token = new URLSearchParams(window.location.search).get('token') ?? '';
// replace(), not assign(): Back should not return to a link that was just used up.
renderPage(<RegistrationFlow token={token} goHome={() => window.location.replace('/')} />);
