/** The signature draft's arithmetic: fields stay on their page, the request body is what the API takes, and what stops a request is named. */
import { clampToPage, draftProblems, emptyDraft, moveSigner, newField, toRequestInput, type SignatureDraft } from './draft';

const letter = { x0: 0, y0: 0, x1: 612, y1: 792 };

test('when a field is pushed past any edge of its page, then it is kept whole inside the page', () => {
  expect(clampToPage({ x: -50, y: 780, width: 180, height: 40 }, letter)).toEqual({ x: 0, y: 752, width: 180, height: 40 });
  expect(clampToPage({ x: 600, y: -3, width: 900, height: 2 }, letter)).toEqual({ x: 0, y: 0, width: 612, height: 8 });
  // a page whose view box does not start at the origin
  expect(clampToPage({ x: 0, y: 0, width: 10, height: 10 }, { x0: 100, y0: 200, x1: 300, y1: 400 })).toMatchObject({ x: 100, y: 200 });
});

test('when a field is added without a point, then it is centred on its page with its kind’s size', () => {
  const field = newField('a@x.example', 'dateSigned', 2, letter);
  expect(field).toMatchObject({ page: 2, kind: 'dateSigned', x: 251, y: 386, width: 110, height: 20, required: true });
  expect(newField('a@x.example', 'checkbox', 1, letter, { x: 0, y: 0 })).toMatchObject({ x: 0, y: 0, width: 16, height: 16 });
});

test('when signers are reordered, then only the named one moves, and never past either end', () => {
  expect(moveSigner(['a', 'b', 'c'], 'c', -1)).toEqual(['a', 'c', 'b']);
  expect(moveSigner(['a', 'b', 'c'], 'a', -1)).toEqual(['a', 'b', 'c']);
  expect(moveSigner(['a', 'b', 'c'], 'z', 1)).toEqual(['a', 'b', 'c']);
});

test('when a draft is incomplete, then each problem is named; a complete one has none and becomes the API body', () => {
  const draft: SignatureDraft = { ...emptyDraft('f1'), signers: ['a@x.example', 'b@x.example'], expires: '2000-01-01T10:00' };
  draft.fields = [{ ...newField('a@x.example', 'text', 1, letter), required: false }];
  expect(draftProblems(draft, ['a@x.example'])).toEqual([
    'b@x.example is no longer in To or Cc: add them back or remove them as signers.',
    'Place a signature or initials field for a@x.example.',
    'Place a signature or initials field for b@x.example.',
    'Choose an expiry in the future, or none.',
  ]);
  expect(draftProblems(emptyDraft('f1'), [])).toEqual(['Choose at least one signer.']);

  const done: SignatureDraft = {
    ...draft,
    signers: ['a@x.example'],
    expires: '',
    fields: [...draft.fields, { ...newField('a@x.example', 'signature', 1, letter), x: 72.123, y: 100.456 }, newField('gone@x.example', 'signature', 1, letter)],
  };
  expect(draftProblems(done, ['a@x.example'])).toEqual([]);
  expect(toRequestInput(done)).toEqual({
    fileId: 'f1',
    signers: [{ email: 'a@x.example' }],
    order: 'sequential',
    expiresAt: null,
    fields: [
      { signer: 'a@x.example', kind: 'text', page: 1, x: 216, y: 386, width: 180, height: 20, required: false },
      { signer: 'a@x.example', kind: 'signature', page: 1, x: 72.12, y: 100.46, width: 180, height: 40, required: true },
    ],
  });
});
