import { smtp } from './smtp';
import { db } from './db';
import { logger } from './logger';

export interface Subscriber {
  id: number;
  email: string;
  name: string;
  unsubscribeToken: string;
}

interface Newsletter {
  id: number;
  subject: string;
  html: string;
}

function personalise(html: string, subscriber: Subscriber): string {
  return html
    .replaceAll('{{name}}', subscriber.name)
    .replaceAll('{{unsubscribe}}', `https://example.com/unsubscribe?t=${subscriber.unsubscribeToken}`);
}

async function sendOne(newsletter: Newsletter, subscriber: Subscriber): Promise<void> {
  await smtp.send({
    to: subscriber.email,
    subject: newsletter.subject,
    html: personalise(newsletter.html, subscriber),
  });
  await db.deliveries.insert({ newsletterId: newsletter.id, subscriberId: subscriber.id, sentAt: new Date() });
}

/**
 * Sends a newsletter to every subscriber, then marks it sent. Run by the nightly job; the job's
 * process exits when this resolves.
 */
export async function sendNewsletter(newsletterId: number): Promise<number> {
  const newsletter = await db.newsletters.findById(newsletterId);
  if (!newsletter) throw new Error(`newsletter ${newsletterId} not found`);
  const subscribers: Subscriber[] = await db.subscribers.findAll({ confirmed: true });

  let failures = 0;
  subscribers.forEach(async (subscriber) => {
    try {
      await sendOne(newsletter, subscriber);
    } catch (err) {
      failures++;
      logger.warn({ err, subscriber: subscriber.id }, 'delivery failed');
    }
  });

  await db.newsletters.update(newsletterId, { sentAt: new Date(), failures });
  logger.info({ newsletterId, recipients: subscribers.length, failures }, 'newsletter sent');
  return subscribers.length - failures;
}
