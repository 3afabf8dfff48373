/**
 * Keeps the recipients of a message being written classified as they change (one POST /recipients/classify for
 * all fields, shortly after the last change), so their badges and the invitations to confirm stay current.
 */
import { useEffect, useRef, useState } from 'react';
import { classifyRecipients, type Classified } from '../api/portalApi';
import { asProblem } from '../api/http';

export function useClassification(addresses: string[]) {
  const [classified, setClassified] = useState(() => new Map<string, Classified>());
  const [problem, setProblem] = useState<string | null>(null);
  const latest = useRef(0);
  const key = [...new Set(addresses)].sort().join('\n');

  useEffect(() => {
    const wanted = key ? key.split('\n') : [];
    const missing = wanted.filter((address) => !classified.has(address));
    if (missing.length === 0) return;
    const request = (latest.current += 1);
    const timer = setTimeout(() => {
      classifyRecipients(wanted).then(
        (answer) => {
          if (request !== latest.current) return; // a newer list is on its way
          const next = new Map<string, Classified>();
          answer.recipients.forEach((entry) => next.set(entry.input, entry));
          // The answer collapses duplicates; addresses it normalized differently are found by their email.
          for (const address of wanted) {
            if (!next.has(address)) {
              const match = answer.recipients.find((entry) => entry.email === address);
              if (match) next.set(address, match);
            }
          }
          setClassified(next);
          setProblem(null);
        },
        (err: unknown) => request === latest.current && setProblem(asProblem(err).message),
      );
    }, 250);
    return () => clearTimeout(timer);
    // `classified` is read, not watched: a new answer must not ask again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  return { classified, problem };
}
