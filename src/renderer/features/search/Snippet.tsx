import type { ReactNode } from 'react';

const MARK_START = '\u0002';
const MARK_END = '\u0003';

/**
 * A search snippet from the core: the matched words come between \u0002 and \u0003. They become
 * <mark> elements; everything else stays text (never HTML), control characters removed.
 */
export function Snippet({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  let rest = text;
  let key = 0;
  // eslint-disable-next-line no-control-regex -- the core's match markers are control characters
  const clean = (s: string) => s.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
  while (rest.length > 0) {
    const start = rest.indexOf(MARK_START);
    if (start === -1) {
      parts.push(clean(rest));
      break;
    }
    if (start > 0) parts.push(clean(rest.slice(0, start)));
    const end = rest.indexOf(MARK_END, start + 1);
    const marked = end === -1 ? rest.slice(start + 1) : rest.slice(start + 1, end);
    parts.push(<mark key={key++}>{clean(marked)}</mark>);
    rest = end === -1 ? '' : rest.slice(end + 1);
  }
  return <>{parts}</>;
}
