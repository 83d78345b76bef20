import { Link } from '../routing/Link';
import { PageState } from './PageState';
import { usePageTitle } from './usePageTitle';

export function NotFound() {
  usePageTitle('Page not found');
  return (
    <PageState title="This page isn't here">
      <p>
        The link may be mistyped or out of date. <Link to="/">Go to your journals</Link>.
      </p>
    </PageState>
  );
}
