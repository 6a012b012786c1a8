import { useEffect, useState } from 'react';

/**
 * What `load` resolves to, loaded after hydration as a chunk of its own, for code the page works
 * without until it arrives. Undefined until then (and always during server rendering). `load`
 * must be the same function on every render: give it a module-level one.
 */
export function useLoadedAfterHydration<T>(load: () => Promise<T>): T | undefined {
  const [loaded, setLoaded] = useState<{ value: T }>();
  useEffect(() => {
    let active = true;
    void load().then((value) => {
      if (active) setLoaded({ value });
    });
    return () => {
      active = false;
    };
  }, [load]);
  return loaded?.value;
}
