import * as v from 'valibot';
import { isValidId } from '../model/ids.js';
import { isLocalDay, isValidTimeZone } from '../rituals/calendar.js';

/**
 * The schemas of what clients send: request bodies and path parameters. Each
 * message is shown to a person as it is, so it says what to do. The server
 * checks a missing field as null (`server/http/serveRoute.ts`), so it reads
 * the same as a wrong one: "Email is required.", not valibot's message about
 * a key.
 */

/** Text, trimmed unless `trim` is false, required and at most `max` characters. */
function text(label: string, max: number, { trim = true } = {}) {
  const required = `${label} is required.`;
  return v.pipe(
    v.string(required),
    v.transform((value) => (trim ? value.trim() : value)),
    v.nonEmpty(required),
    v.maxLength(max, `${label} must be at most ${max} characters.`),
  );
}

/** Any string, even empty: its words are checked by the comment rules, which say what is wrong with them. */
function anyText(name: string) {
  const required = `${name} is required.`;
  return v.string(required);
}

/** An id made by a client (8 to 64 of `A-Z a-z 0-9 _ -`). */
export function id(what: string) {
  const message = `${what} must be an id of 8 to 64 letters, digits, _ or -.`;
  return v.pipe(v.string(message), v.check(isValidId, message));
}

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const email = v.pipe(
  text('Email', 254),
  v.toLowerCase(),
  v.regex(EMAIL_PATTERN, 'Enter a valid email address, like name@example.com.'),
);
const password = text('Password', 1024, { trim: false });

export const SignUpBody = v.object({ name: text('Your name', 80), email, password });
// Logging in only needs an email as typed at sign-up; its form is not checked again.
export const LogInBody = v.object({ email: v.pipe(text('Email', 254), v.toLowerCase()), password });
export const NewJournalBody = v.object({ title: text('Journal title', 120) });

const anchorMessage = 'anchorVersion must be {client, clock} with whole numbers of at least 0.';
const whole = v.pipe(v.number(anchorMessage), v.safeInteger(anchorMessage), v.minValue(0, anchorMessage));
export const NewThreadBody = v.object({
  threadId: id('threadId'),
  commentId: id('commentId'),
  quote: anyText('quote'),
  text: anyText('text'),
  anchorVersion: v.nullish(v.object({ client: whole, clock: whole }, anchorMessage), null),
});
export const ResolveBody = v.object({
  resolved: v.boolean('resolved must be true or false.'),
});
export const ReplyBody = v.object({ commentId: id('commentId'), text: anyText('text') });
export const EditBody = v.object({ text: anyText('text') });

const seenAtMessage = 'seenAt must be the time (milliseconds) of the newest comment you have seen.';
export const ReadMarkBody = v.object({
  seenAt: v.pipe(v.number(seenAtMessage), v.finite(seenAtMessage), v.minValue(0, seenAtMessage)),
});

// Rituals (docs/design/rituals.md)
const dayMessage = 'The day must be a date written YYYY-MM-DD.';
export const day = v.pipe(v.string(dayMessage), v.check((value: string) => isLocalDay(value), dayMessage));
const zoneMessage = 'The time zone must be a name such as Europe/Berlin (timeZone).';
const weekdayMessage = 'The check-in day must be a day of the week from 1, Monday, to 7, Sunday (checkinDay).';
export const RhythmBody = v.object({
  // Absent (or null): left as it is.
  timeZone: v.nullish(v.pipe(v.string(zoneMessage), v.check(isValidTimeZone, zoneMessage))),
  checkinDay: v.nullish(v.pipe(v.number(weekdayMessage), v.integer(weekdayMessage), v.minValue(1, weekdayMessage), v.maxValue(7, weekdayMessage))),
});
export const AnswerBody = v.object({ questionId: text('questionId', 32) });
const timeMessage = 'The delivery time must be a time in milliseconds since 1970 (deliverAt).';
export const SendNoteBody = v.object({
  emoji: text('The emoji', 16),
  deliverAt: v.pipe(v.number(timeMessage), v.safeInteger(timeMessage), v.minValue(0, timeMessage)),
});

// Account settings and password resets (docs/design/accounts.md)
export const RenameBody = v.object({ name: text('Your name', 80) });
export const ChangeEmailBody = v.object({ email, password: text('Your current password', 1024, { trim: false }) });
export const ChangePasswordBody = v.object({
  currentPassword: text('Your current password', 1024, { trim: false }),
  newPassword: text('A new password', 1024, { trim: false }),
});
// Asking for a reset takes any email as typed, like logging in: its form says nothing either way.
export const ResetRequestBody = v.object({ email: v.pipe(text('Email', 254), v.toLowerCase()) });
export const ResetPasswordBody = v.object({ password: text('A new password', 1024, { trim: false }) });
export const DeleteAccountBody = v.object({ password: text('Your password', 1024, { trim: false }) });
