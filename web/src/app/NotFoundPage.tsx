import { Link } from 'react-router-dom';
import { PageHeading } from '../components/PageHeading';

export function NotFoundPage() {
  return (
    <>
      <PageHeading title="Page not found" />
      <p>There is no page at this address.</p>
      <p>
        <Link to="/">Go to the start page</Link>
      </p>
    </>
  );
}
