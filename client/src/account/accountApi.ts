import { routes } from '#shared/api/routes.js';
import { callRoute } from '../api/callRoute';

/** The account settings, reset and deletion calls (docs/design/accounts.md), typed from shared/api/routes.ts. */
export const accountApi = {
  rename: (name: string) => callRoute(routes.rename, { body: { name } }),
  changeEmail: (email: string, password: string) => callRoute(routes.changeEmail, { body: { email, password } }),
  changePassword: (currentPassword: string, newPassword: string) => callRoute(routes.changePassword, { body: { currentPassword, newPassword } }),
  sessions: () => callRoute(routes.sessions, {}),
  endSession: (sessionId: string) => callRoute(routes.endSession, { params: { sessionId } }),
  endOtherSessions: () => callRoute(routes.endOtherSessions, {}),
  deleteAccount: (password: string) => callRoute(routes.deleteAccount, { body: { password } }),
  requestReset: (email: string) => callRoute(routes.requestPasswordReset, { body: { email } }),
  resetLink: (token: string) => callRoute(routes.passwordResetLink, { params: { token } }),
  resetPassword: (token: string, password: string) => callRoute(routes.resetPassword, { params: { token }, body: { password } }),
};
