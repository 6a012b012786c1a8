import { redirect } from '@remix-run/node';

/** The front door is the expert list. */
export function loader() {
  return redirect('/experts');
}
