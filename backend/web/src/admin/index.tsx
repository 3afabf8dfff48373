/** Entry of the admin page (/admin): members, settings, seats and invoices, audit log. */
import { renderPage } from '../shared/renderPage';
import { AdminApp } from './AdminApp';

renderPage(<AdminApp />);
