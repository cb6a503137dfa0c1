/** The municipality this portal serves (one portal build per municipality for now). */
export const MUNICIPALITY: string = import.meta.env.VITE_PARVIS_MUNICIPALITY || 'demo';
