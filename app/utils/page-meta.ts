import type { LoaderFunction, MetaArgs, MetaDescriptor, MetaFunction } from '@remix-run/node';

import { errorTitle } from '../components/error-page';
import { titleAfterForm } from './error-title';

/**
 * The `meta` of a page without a form: its title, or the error page's while its error boundary
 * shows. `more` follows the title (a `robots` rule, say).
 */
export function pageMeta(title: string, ...more: MetaDescriptor[]): MetaFunction {
  return ({ error }) => [{ title: error ? errorTitle(error) : title }, ...more];
}

/**
 * The `meta` of a page with a form: as `pageMeta`, with "Error: " before the title when the
 * document is the server's answer to a refused form (`titleAfterForm`).
 */
export function formPageMeta(title: string, ...more: MetaDescriptor[]): MetaFunction {
  return ({ error, matches, location }) => [
    { title: error ? errorTitle(error) : titleAfterForm(title, { matches, location }) },
    ...more,
  ];
}

type LoadedData<Loader extends LoaderFunction> = NonNullable<MetaArgs<Loader>['data']>;

/**
 * The `meta` of a page with a form whose title names what its loader found. Without the data
 * (the loader threw) it is the error page's title, whose 404 says `notFound`.
 */
export function formPageMetaFromData<Loader extends LoaderFunction>(
  titleOf: (data: LoadedData<Loader>) => string,
  notFound: string,
  ...more: MetaDescriptor[]
): MetaFunction<Loader> {
  return ({ data, error, matches, location }) => [
    {
      title: data
        ? titleAfterForm(titleOf(data), { matches, location })
        : errorTitle(error, notFound),
    },
    ...more,
  ];
}
