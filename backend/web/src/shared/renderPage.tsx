/**
 * Mounts a page: one Griffel renderer and one FluentProvider (Sealpost theme) at the root. Pages are served with
 * a CSP whose style-src allows only 'self' and a per-response nonce, so the renderer stamps that nonce (read from
 * the page's meta tag) on every <style> element Griffel and FluentProvider create.
 */
import { createDOMRenderer, FluentProvider, makeStaticStyles, RendererProvider } from '@fluentui/react-components';
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { sealpostTheme } from './theme';

const useGlobalStyles = makeStaticStyles({
  body: { margin: 0 },
});

function GlobalStyles(): null {
  useGlobalStyles();
  return null;
}

export function styleNonce(doc: Document = document): string | undefined {
  const value = doc.querySelector('meta[name="sealpost-style-nonce"]')?.getAttribute('content') ?? '';
  // An unreplaced placeholder means the file was opened without the server; styles then need no nonce.
  return /^[A-Za-z0-9+/=_-]{16,}$/.test(value) && value !== '__CSP_NONCE__' ? value : undefined;
}

export function renderPage(page: ReactNode): void {
  const nonce = styleNonce();
  const renderer = createDOMRenderer(document, nonce ? { styleElementAttributes: { nonce } } : {});
  const container = document.getElementById('root');
  if (!container) throw new Error('the page has no #root element');
  createRoot(container).render(
    <StrictMode>
      <RendererProvider renderer={renderer} targetDocument={document}>
        <FluentProvider theme={sealpostTheme}>
          <GlobalStyles />
          {page}
        </FluentProvider>
      </RendererProvider>
    </StrictMode>,
  );
}
