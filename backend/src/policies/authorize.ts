/**
 * The one way to ask "who may": `can(actor, 'members.remove', member)` answers with a verdict, `authorize(…)`
 * throws the refusal as the error it is answered with, `allows(…)` is the yes or no a presenter needs. Actions are
 * named subject.rule after the rule files of this folder; the subject a rule weighs is typed by the rule itself.
 */
import { domainRules } from './domains';
import { draftRules } from './drafts';
import { fileRules } from './files';
import { memberRules } from './members';
import { messageRules } from './messages';
import { organizationRules } from './organization';
import { signatureRules } from './signatures';
import { refusalError, type PolicyActor, type Verdict } from './verdict';

const subjects = {
  domains: domainRules,
  drafts: draftRules,
  files: fileRules,
  members: memberRules,
  messages: messageRules,
  organization: organizationRules,
  signatures: signatureRules,
};

type Subjects = typeof subjects;

export type Action = { [S in keyof Subjects]: `${S}.${Extract<keyof Subjects[S], string>}` }[keyof Subjects];

type RuleOf<A extends Action> = A extends `${infer S extends keyof Subjects}.${infer N}` ? (N extends keyof Subjects[S] ? Subjects[S][N] : never) : never;

/** What the action's rule weighs besides the actor: nothing, or its one subject. */
export type SubjectOf<A extends Action> = RuleOf<A> extends (actor: PolicyActor, ...subject: infer P) => Verdict ? P : never;

type AnyRule = (actor: PolicyActor, ...subject: unknown[]) => Verdict;

export function can<A extends Action>(actor: PolicyActor, action: A, ...subject: SubjectOf<A>): Verdict {
  const [name, rule] = action.split('.') as [keyof Subjects, string];
  return (subjects[name] as unknown as Record<string, AnyRule>)[rule]!(actor, ...subject);
}

export function allows<A extends Action>(actor: PolicyActor, action: A, ...subject: SubjectOf<A>): boolean {
  return can(actor, action, ...subject).allowed;
}

/** Throws the refusal (403 `forbidden`, `guest_cannot_invite`, 404, 410 …) with the rule's sentence. */
export function authorize<A extends Action>(actor: PolicyActor, action: A, ...subject: SubjectOf<A>): void {
  const verdict = can(actor, action, ...subject);
  if (!verdict.allowed) throw refusalError(verdict);
}
