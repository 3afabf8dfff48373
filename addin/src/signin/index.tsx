/**
 * Entry of signin.html, the page the task pane opens in an Office dialog. It talks to the API on its own origin
 * (the add-in's) with bearer delivery and passes the tokens to the pane with messageParent.
 */
import { renderPage } from '../../../backend/web/src/shared/renderPage';
import { createHttp } from '../api/http';
import { sealpostApi } from '../api/sealpostApi';
import { hostAdapter, whenOfficeReady } from '../office';
import { addinBase } from '../taskpane/addinBase';
import { SignInForm } from './SignInForm';

whenOfficeReady(() => {
  const base = addinBase(window.location.href);
  const adapter = hostAdapter();
  renderPage(<SignInForm api={sealpostApi(createHttp({ baseUrl: base }))} webUrl={base} finish={(message) => adapter.messageParent(JSON.stringify(message))} />);
});
