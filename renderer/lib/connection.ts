/**
 * What a call answers when the web host cannot be reached (stopped, restarted, network gone). The detail is
 * German like main's messages; the UI shows its own translation (error.disconnected) for this exact answer.
 */
export const DISCONNECTED_MESSAGE =
  'Keine Verbindung zu Kladde: bitte „npm run web“ wieder starten. Dein Text bleibt so lange in diesem Tab erhalten.';

export function isDisconnected(error: { code: string; message: string }): boolean {
  return error.code === 'io' && error.message === DISCONNECTED_MESSAGE;
}
