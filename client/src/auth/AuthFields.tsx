import { TextField } from '../ui/TextField';

/** The server's rule, repeated as a hint so nobody has to fail once to learn it. */
export const MIN_PASSWORD_LENGTH = 10;

interface FieldProps {
  value: string;
  onChange: (value: string) => void;
  invalid: boolean;
  /** The form's error message, which an invalid field points at. */
  errorId: string;
}

export function NameField({ value, onChange, invalid, errorId }: FieldProps) {
  return (
    <TextField
      label="Name"
      name="name"
      autoComplete="name"
      hint="The name your partner will see."
      value={value}
      onChange={(e) => onChange(e.target.value)}
      invalid={invalid}
      errorId={errorId}
      required
    />
  );
}

export function EmailField({ value, onChange, invalid, errorId }: FieldProps) {
  return (
    <TextField
      label="Email"
      name="email"
      type="email"
      autoComplete="email"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      invalid={invalid}
      errorId={errorId}
      required
    />
  );
}

/** `isNew` for signup: the browser offers to generate a password and we show the rule. */
export function PasswordField({ value, onChange, invalid, errorId, isNew }: FieldProps & { isNew: boolean }) {
  return (
    <TextField
      label="Password"
      name="password"
      type="password"
      autoComplete={isNew ? 'new-password' : 'current-password'}
      hint={isNew ? `At least ${MIN_PASSWORD_LENGTH} characters.` : undefined}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      invalid={invalid}
      errorId={errorId}
      required
    />
  );
}
