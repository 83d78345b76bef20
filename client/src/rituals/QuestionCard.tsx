import { readDayStatus, revealedDays } from '#shared/documents/rituals.js';
import { questionById, QUESTION_CATEGORIES } from '#shared/rituals/questionLibrary.js';
import { formatDay } from '../ui/formatDate';
import { Link } from '../routing/Link';
import { paths } from '../routing/routes';
import { coupleToday, questionFor } from './dayQuestion';
import { useNow } from './useNow';
import { useRituals } from './useRituals';

/** How many earlier answered questions the card lists. */
const EARLIER = 3;

/**
 * Today's question on the journal page: the question, where each of you
 * stands with it (never anything of an answer), and the last days you both
 * answered. Nothing counts missed days: skipping one is fine.
 */
export function QuestionCard({ journalId, userId, partner }: { journalId: string; userId: string; partner: { id: string; name: string } | null }) {
  const { doc, known } = useRituals(journalId);
  const now = useNow();
  if (!doc || !known) return null;
  const today = coupleToday(doc, now);
  const revealed = revealedDays(doc);
  const question = questionFor(doc, journalId, today, revealed.length);
  const status = readDayStatus(doc, today);
  const mineDone = userId in status.answeredBy;
  const theirsDone = partner !== null && partner.id in status.answeredBy;
  const partnerName = partner?.name ?? 'your partner';

  let line: string;
  let action: string;
  if (status.revealedAt !== null) {
    line = 'You have both answered.';
    action = 'Read both answers';
  } else if (mineDone) {
    line = partner ? `You’ve answered. Waiting for ${partnerName}.` : 'You’ve answered. Your partner can answer once they join.';
    action = 'See your answer';
  } else if (theirsDone) {
    line = `${partnerName} has answered and is waiting for you.`;
    action = 'Answer';
  } else {
    line = partner ? `Neither of you has answered yet.` : 'Answer now; your partner sees it once they’ve joined and answered too.';
    action = 'Answer';
  }

  const earlier = revealed.filter((d) => d.day !== today).slice(0, EARLIER);
  return (
    <section className="question-card" aria-labelledby="question-card-heading">
      <p className="eyebrow" id="question-card-heading">
        Question of the day · {QUESTION_CATEGORIES[question.category].title}
      </p>
      <p className="question-card__text">{question.text}</p>
      <div className="question-card__foot">
        <p className="question-card__status" data-testid="question-status">
          {line}
        </p>
        <Link to={paths.day(journalId, today)} className="button button--small">
          {action}
        </Link>
      </div>
      {earlier.length > 0 && (
        <details className="question-card__earlier">
          <summary>Earlier questions you both answered</summary>
          <ul>
            {earlier.map(({ day }) => {
              const id = Object.values(readDayStatus(doc, day).questionOf)[0];
              return (
                <li key={day}>
                  <Link to={paths.day(journalId, day)}>
                    <time dateTime={day}>{formatDay(day)}</time>: {questionById(id ?? '')?.text ?? 'a question'}
                  </Link>
                </li>
              );
            })}
          </ul>
        </details>
      )}
    </section>
  );
}
