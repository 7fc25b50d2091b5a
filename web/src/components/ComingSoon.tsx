import { PageHeading } from './PageHeading';

/** A page that is planned but not built yet. */
export function ComingSoon({ title }: { title: string }) {
  return (
    <>
      <PageHeading title={title} />
      <p>Coming soon.</p>
    </>
  );
}
