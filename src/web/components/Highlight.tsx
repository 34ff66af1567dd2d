import { highlightParts } from './highlight.js';

/** `text` with the part `query` matched marked (`<mark>`), compared as the search compares. */
export function Highlight({ text, query }: { text: string; query: string }) {
  return (
    <>
      {highlightParts(text, query).map((part, i) =>
        part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
      )}
    </>
  );
}
