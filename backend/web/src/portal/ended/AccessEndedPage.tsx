/**
 * What the portal shows once access has ended mid-task: why (removed from the organization, account blocked,
 * signed out by someone else), what that means, and the way on: signing in again, which also reaches any other
 * organization the person still belongs to.
 */
import { Button, Text, Title2 } from '@fluentui/react-components';
import { useEffect } from 'react';
import { PageFrame } from '../../shared/PageFrame';
import type { AccessEnd } from '../api/accessEnded';
import { signInUrl } from '../api/http';
import { useDocumentTitle } from '../session';

function explanation(end: AccessEnd): { title: string; body: string; action: string; href: string } {
  switch (end.kind) {
    case 'revoked': {
      const organization = end.organizationName ?? 'the organization';
      return {
        title: end.sentence,
        body: `An administrator of ${organization} removed you, so its messages and files are no longer available to you here. If you still belong to another organization on Sealpost, sign in to reach it: drafts are saved as you type, so what you were writing is kept under New message there. If you think this is a mistake, contact ${organization}.`,
        action: 'Sign in to another organization',
        href: '/login',
      };
    }
    case 'blocked':
      return { title: 'This account is blocked', body: end.sentence, action: 'Go to the sign-in page', href: '/login' };
    case 'signedOut':
      return {
        title: 'You were signed out',
        body: `${end.sentence} Drafts are saved as you type, so what you were writing is kept under New message.`,
        action: 'Sign in again',
        href: signInUrl(),
      };
  }
}

export function AccessEndedPage({ end }: { end: AccessEnd }) {
  const { title, body, action, href } = explanation(end);
  useDocumentTitle(end.kind === 'revoked' ? 'Access revoked' : title);
  // the page replaced what the person was doing: move focus to the reason, so screen readers start there
  useEffect(() => {
    const heading = document.querySelector<HTMLElement>('main h1');
    heading?.setAttribute('tabindex', '-1');
    heading?.focus();
  }, []);
  return (
    <PageFrame>
      <Title2 as="h1">{title}</Title2>
      <Text as="p">{body}</Text>
      <Button as="a" appearance="primary" href={href}>
        {action}
      </Button>
    </PageFrame>
  );
}
