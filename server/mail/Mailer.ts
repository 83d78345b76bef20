import { createTransport } from 'nodemailer';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/** Sends mail. One implementation talks SMTP; tests may pass their own. */
export interface Mailer {
  send(mail: Mail): Promise<void>;
}

/**
 * Mail through an SMTP server (`SMTP_URL`, for example `smtps://user:pass@smtp.example.com:465`),
 * from `from` (`MAIL_FROM`, for example `Duet <duet@example.com>`).
 */
export function smtpMailer(url: string, from: string): Mailer {
  const transport = createTransport(url);
  return {
    async send(mail) {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
    },
  };
}
