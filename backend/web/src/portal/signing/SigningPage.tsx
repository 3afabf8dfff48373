/**
 * /portal/signatures/:id, where signature emails link: the document shown in the page with the signer's fields
 * highlighted, and a guide that stays at the bottom of the screen: agree and confirm who you are first, then
 * "Next field" walks through the required fields, then Sign; or Decline with a reason. Others on the request
 * (the requester, a signer whose turn has not come, or after the end) see the same document and where it stands.
 */
import { Button, makeStyles, Text, Title2, tokens } from '@fluentui/react-components';
import { ArrowDown20Regular, Checkmark20Regular, Dismiss20Regular } from '@fluentui/react-icons';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ErrorNotice, Loading } from '../../shared/Notices';
import { useAction } from '../../shared/useAction';
import { asProblem, type PortalProblem } from '../api/http';
import { paths, PortalLink } from '../router';
import { useDocumentTitle, useMe, useNotify } from '../session';
import { AdoptDialog } from './AdoptDialog';
import { ConsentDialog } from './ConsentDialog';
import { DeclineDialog } from './DeclineDialog';
import { FieldLayer } from './FieldLayer';
import { PdfPages, type PageGeometry } from './PdfPages';
import { loadSignatureFont } from './signatureFont';
import { CompletedDownload, SigningStatus } from './SigningStatus';
import { fieldDomId, stillNeeded, valuesToSend, type FieldValues } from './signingFields';
import { getSignatureRequest, recordView, signRequest, type AdoptedSignature, type SignatureField, type SignatureRequest } from './signaturesApi';
import { usePdfDocument } from './usePdfDocument';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  head: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, '& h1': { margin: 0, overflowWrap: 'anywhere' } },
  muted: { color: tokens.colorNeutralForeground3 },
  document: { backgroundColor: tokens.colorNeutralBackground3, padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalS}`, borderRadius: tokens.borderRadiusMedium, minWidth: 0 },
  guide: {
    position: 'sticky',
    bottom: 0,
    zIndex: 2,
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    boxShadow: tokens.shadow16,
    borderRadius: `${tokens.borderRadiusMedium} ${tokens.borderRadiusMedium} 0 0`,
  },
  count: { marginInlineEnd: 'auto', fontWeight: tokens.fontWeightSemibold },
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, alignItems: 'flex-start' },
  wide: { flexBasis: '100%' },
});

type Load = { kind: 'loading' } | { kind: 'failed'; problem: PortalProblem } | { kind: 'ready'; request: SignatureRequest };
type Dialog = null | 'consent' | 'adopt' | 'decline';

function useSignatureRequest(requestId: string) {
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const fetchIt = useCallback(() => {
    setLoad({ kind: 'loading' });
    getSignatureRequest(requestId)
      .then(async (request) => {
        // Opening the document on one's turn is recorded (a view in the certificate's history).
        const canView = request.you.signer && request.you.yourTurn && request.status === 'open';
        return canView ? await recordView(requestId).catch(() => request) : request;
      })
      .then(
        (request) => setLoad({ kind: 'ready', request }),
        (err: unknown) => setLoad({ kind: 'failed', problem: asProblem(err) }),
      );
  }, [requestId]);
  useEffect(fetchIt, [fetchIt]);
  return { load, setRequest: (request: SignatureRequest) => setLoad({ kind: 'ready', request }), retry: fetchIt };
}

function DocumentView({ fileId, label, renderOverlay }: { fileId: string; label: string; renderOverlay?: (page: PageGeometry) => ReactNode }) {
  const styles = useStyles();
  const { state, retry } = usePdfDocument(fileId);
  if (state.kind === 'loading') {
    const percent = state.total ? ` ${Math.round((state.done / state.total) * 100)}%` : '';
    return <Loading label={`Opening the document…${percent}`} />;
  }
  if (state.kind === 'failed') {
    return (
      <div className={styles.stack}>
        <ErrorNotice>{state.problem.message}</ErrorNotice>
        <Button onClick={retry}>Try again</Button>
      </div>
    );
  }
  return (
    <div className={styles.document}>
      <PdfPages doc={state.doc} label={label} renderOverlay={renderOverlay} />
    </div>
  );
}

export function SigningPage({ requestId }: { requestId: string }) {
  const styles = useStyles();
  const me = useMe();
  const notify = useNotify();
  const { load, setRequest, retry } = useSignatureRequest(requestId);
  const [values, setValues] = useState<FieldValues>({});
  const [adopted, setAdopted] = useState<AdoptedSignature | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const signing = useAction();
  const request = load.kind === 'ready' ? load.request : null;
  useDocumentTitle(request ? `Sign: ${request.documentName}` : 'Signature request');
  useEffect(() => void loadSignatureFont(), []);

  const myEmail = me.account.email;
  // One's own fields stand out while there is still something to do with them; after that all are outlines.
  const mySigner = request?.signers.find((s) => s.email === myEmail);
  const stillMine = request?.status === 'open' && (mySigner?.status === 'sent' || mySigner?.status === 'viewed');
  const own = useMemo(() => (stillMine ? (request?.fields.filter((f) => f.signer === myEmail) ?? []) : []), [request, myEmail, stillMine]);
  const others = useMemo(() => request?.fields.filter((f) => !stillMine || f.signer !== myEmail) ?? [], [request, myEmail, stillMine]);
  const names = useMemo(() => new Map(request?.signers.map((s) => [s.email, s.name]) ?? []), [request]);
  const canAct = request !== null && request.status === 'open' && request.you.signer && request.you.yourTurn;
  const editable = canAct && request.you.consented;
  const needed = stillNeeded(own, values, adopted);
  const [today] = useState(() => new Date().toISOString().slice(0, 10));
  // back from signing in with the organization's provider to confirm who they are: agreeing is the next step
  const [confirmedWithProvider] = useState(() => new URLSearchParams(window.location.search).get('confirmed') === 'sso');
  const [reopened, setReopened] = useState(false);
  useEffect(() => {
    if (!confirmedWithProvider || reopened || !canAct || request.you.consented) return;
    setReopened(true);
    setDialog('consent');
  }, [confirmedWithProvider, reopened, canAct, request]);

  const goTo = (field: SignatureField) => {
    const element = document.getElementById(fieldDomId(field.id));
    if (!element) return;
    element.scrollIntoView({ block: 'center', behavior: 'smooth' });
    element.focus({ preventScroll: true });
  };

  const activate = (field: SignatureField) => {
    if (!canAct) return;
    if (!request.you.consented) return setDialog('consent');
    if (field.kind === 'signature' || field.kind === 'initials') setDialog('adopt');
  };

  const next = () => {
    const field = needed[0];
    if (!field) return;
    goTo(field);
    if ((field.kind === 'signature' || field.kind === 'initials') && !adopted) setDialog('adopt');
  };

  const sign = async () => {
    if (!request) return;
    if (needed.length) return next();
    // Fields of other kinds only: the signature still has to be adopted when the document asks for none.
    const signature = adopted;
    if (!signature) return setDialog('adopt');
    const answer = await signing.run(() => signRequest(request.id, signature, valuesToSend(own, values)));
    if (answer) {
      setRequest(answer);
      notify(answer.status === 'completed' ? 'Signed. The document is complete.' : 'Signed. The others are told when it is their turn.');
      window.scrollTo({ top: 0 });
    }
  };

  const renderOverlay = useCallback(
    (page: PageGeometry) => (
      <FieldLayer
        page={page}
        own={own.filter((f) => f.page === page.pageNumber)}
        others={others.filter((f) => f.page === page.pageNumber)}
        namesByEmail={names}
        editable={editable}
        values={values}
        adopted={adopted}
        today={today}
        onValue={(id, value) => setValues((v) => ({ ...v, [id]: value }))}
        onActivate={activate}
      />
    ),
    // activate reads the same request the other dependencies come from
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [own, others, names, editable, values, adopted, today, request],
  );

  if (load.kind === 'loading') return <Loading label="Opening the signature request…" />;
  if (load.kind === 'failed') {
    const missing = load.problem.status === 404;
    return (
      <div className={styles.stack}>
        <Title2 as="h1">{missing ? 'We could not find this signature request' : 'We could not open this signature request'}</Title2>
        {missing ? (
          <Text as="p">It may belong to another of your organizations (switch organization at the top of the page), or you are not one of its signers.</Text>
        ) : (
          <>
            <ErrorNotice>{load.problem.message}</ErrorNotice>
            <Button onClick={retry}>Try again</Button>
          </>
        )}
        <PortalLink to={paths.box('inbox')}>Back to your inbox</PortalLink>
      </div>
    );
  }
  const r = load.request;
  const ownCount = own.filter((f) => f.required && f.kind !== 'dateSigned').length;

  return (
    <div className={styles.page}>
      <div className={styles.head}>
        <Title2 as="h1">{r.documentName}</Title2>
        <Text className={styles.muted}>
          {r.signers.length === 1 ? 'One signer' : `${r.signers.length} signers${r.order === 'sequential' ? ', in order' : ''}`}: {r.signers.map((s) => s.name).join(', ')} ·{' '}
          <PortalLink to={paths.message(r.messageId)}>Open the message</PortalLink>
        </Text>
      </div>
      <SigningStatus request={r} myEmail={myEmail} />
      {r.status === 'completed' && (
        <div>
          <CompletedDownload request={r} />
        </div>
      )}
      {/* Once complete, the signed PDF itself: every field drawn in, and the certificate of completion after. */}
      {r.status === 'completed' && r.completedFileId ? (
        <DocumentView key="completed" fileId={r.completedFileId} label={`${r.documentName}, signed`} />
      ) : (
        <DocumentView key="original" fileId={r.fileId} label={r.documentName} renderOverlay={renderOverlay} />
      )}
      {canAct && (
        <div className={styles.guide} role="toolbar" aria-label="Signing">
          <Text className={styles.count} aria-live="polite">
            {!r.you.consented
              ? `${ownCount} required field${ownCount === 1 ? '' : 's'} for you`
              : needed.length
                ? `${needed.length} required field${needed.length === 1 ? '' : 's'} left`
                : 'All required fields are filled'}
          </Text>
          {!r.you.consented ? (
            <Button appearance="primary" onClick={() => setDialog('consent')}>
              Start signing
            </Button>
          ) : (
            <>
              <Button icon={<ArrowDown20Regular />} onClick={next} disabled={!needed.length}>
                Next field
              </Button>
              <Button appearance="primary" icon={<Checkmark20Regular />} onClick={() => void sign()} disabled={signing.busy || needed.length > 0}>
                {signing.busy ? 'Signing…' : 'Sign'}
              </Button>
            </>
          )}
          <Button appearance="subtle" icon={<Dismiss20Regular />} onClick={() => setDialog('decline')}>
            Decline
          </Button>
          {signing.problem && (
            <div className={styles.wide}>
              <ErrorNotice title="Not signed">{signing.problem.message}</ErrorNotice>
            </div>
          )}
        </div>
      )}
      {dialog === 'consent' && (
        <ConsentDialog
          request={r}
          organizationName={me.organization.name}
          email={me.account.email}
          confirmedWithProvider={confirmedWithProvider}
          onClose={() => setDialog(null)}
          onConsented={(answer) => {
            setRequest(answer);
            setDialog(null);
            const first = stillNeeded(answer.fields.filter((f) => f.signer === myEmail), values, adopted)[0];
            if (first) setTimeout(() => goTo(first), 50);
          }}
        />
      )}
      {dialog === 'adopt' && (
        <AdoptDialog
          name={me.account.name}
          onClose={() => setDialog(null)}
          onAdopted={(signature) => {
            setAdopted(signature);
            setDialog(null);
          }}
        />
      )}
      {dialog === 'decline' && (
        <DeclineDialog
          request={r}
          onClose={() => setDialog(null)}
          onDeclined={(answer) => {
            setRequest(answer);
            setDialog(null);
            notify('You declined to sign.', 'info');
          }}
        />
      )}
    </div>
  );
}
