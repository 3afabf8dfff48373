/** What POST /api/v1/recipients/classify says of one address; the portal and the add-in both read it. */
export type Outcome =
  | 'member_pro'
  | 'member_guest'
  | 'invited'
  | 'new_guest'
  | 'new_pro'
  | 'blocked'
  | 'removed'
  | 'self'
  | 'not_allowed'
  | 'invalid';
