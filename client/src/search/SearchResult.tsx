import type { SearchHit } from '#shared/api/searchTypes.js';
import { Link } from '../routing/Link';
import { formatDay } from '../ui/formatDate';
import { Marked } from './Marked';
import { kindLabel, pathOfLink } from './searchLinks';

/** One thing found: what and when, who wrote it, its title and the words around the match. */
export function SearchResult({ journalId, hit }: { journalId: string; hit: SearchHit }) {
  const names = hit.authors.map((a) => a.name).filter(Boolean);
  const hasTitle = hit.title.some((s) => s.text.trim() !== '');
  return (
    <li className="search-result">
      <Link className="search-result__link" to={pathOfLink(journalId, hit.link)}>
        <span className="search-result__meta">
          <span className={`search-result__kind search-result__kind--${hit.kind}`}>{kindLabel(hit)}</span>
          <span>{formatDay(hit.day)}</span>
          {names.length > 0 && <span>{names.join(' & ')}</span>}
        </span>
        {hasTitle && (
          <span className="search-result__title">
            {hit.kind === 'comment' ? '“' : ''}
            <Marked segments={hit.title} />
            {hit.kind === 'comment' ? '”' : ''}
          </span>
        )}
        <span className="search-result__snippet">
          <Marked segments={hit.snippet} />
        </span>
      </Link>
    </li>
  );
}
