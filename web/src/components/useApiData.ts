import { useCallback, useEffect, useState, type DependencyList } from 'react';

interface ApiData<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
}

/**
 * Loads data when the component mounts and whenever `deps` change; the request is aborted when the
 * component goes away. `reload()` loads again, keeping the old data on screen meanwhile; `setData` puts
 * a changed record returned by a save in place without another request.
 */
export function useApiData<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList) {
  const [state, setState] = useState<ApiData<T>>({ data: undefined, error: undefined, loading: true });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState((current) => ({ ...current, loading: true }));
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ data, error: undefined, loading: false });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState((current) => ({ ...current, error, loading: false }));
      },
    );
    return () => controller.abort();
    // `load` is a new function each render; `deps` say when it means something new.
  }, [...deps, generation]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  const setData = useCallback((update: (current: T | undefined) => T) => {
    setState((current) => ({ ...current, data: update(current.data) }));
  }, []);

  return { ...state, reload, setData };
}
