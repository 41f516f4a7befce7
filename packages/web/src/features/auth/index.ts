/**
 * @module auth
 * Login, logout, the forced password change and the session state.
 */
export { AuthGate } from './components/AuthGate.tsx';
export { PasswordForm } from './components/PasswordForm.tsx';
export { useSession, useSessionActions, useCurrentUser, isAdminRole, CurrentUserContext } from './hooks/useSession.ts';
