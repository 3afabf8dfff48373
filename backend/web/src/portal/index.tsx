/** Entry of the portal page (/portal and every /portal/* address): inbox, conversations, compose and files. */
import { renderPage } from '../shared/renderPage';
import { PortalApp } from './PortalApp';

renderPage(<PortalApp />);
