/** The app rebuilds its catalogue on this signal: the seed sends it after writing experts. */
export const CATALOGUE_REFRESH_SIGNAL: NodeJS.Signals = 'SIGUSR2';
