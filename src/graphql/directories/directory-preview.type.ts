/** Internal: preview mode and the seat forecast (issue 13, item 4) — their enums, object types and payloads. */
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CardStatusValue } from '../common/enums.js';
import { connectionType } from '../common/connection.js';
import { Directory } from './directory.type.js';

export enum DirectoryModeValue {
  PREVIEW = 'preview',
  LIVE = 'live',
}
registerEnumType(DirectoryModeValue, {
  name: 'DirectoryMode',
  description: 'Whether a directory provisions for real or only shows what it would do.',
  valuesConfig: {
    PREVIEW: { description: 'The directory takes the identity provider’s whole cycle (users and groups are stored and read back as in live mode) but claims no seat, makes no card and sends no e-mail; goLiveDirectory applies what it stored.' },
    LIVE: { description: 'The directory provisions: every user claims a seat and gets a card, invites go out where they are on. The default.' },
  },
});

export enum SeatForecastStatusValue {
  OK = 'ok',
  LOW = 'low',
  EXCEEDED = 'exceeded',
}
registerEnumType(SeatForecastStatusValue, {
  name: 'SeatForecastStatus',
  description: 'The verdict of a seat forecast.',
  valuesConfig: {
    OK: { description: 'The needed seats fit, with at least the warning margin to spare.' },
    LOW: { description: 'The needed seats fit, but fewer free seats than the warning margin would be left: the next users will be refused unless the limit is raised. The warning comes before the first refusal.' },
    EXCEEDED: { description: 'The needed seats do not fit into the free ones: going live would be refused with SEAT_LIMIT_REACHED.' },
  },
});

@ObjectType({ description: 'How many seats users need against the organization’s limit, and a warning before the first refusal.' })
export class SeatForecast {
  @Field(() => Int, { description: 'Seats the organization’s licence has.' })
  limit!: number;

  @Field(() => Int, { description: 'Seats held by users now.' })
  used!: number;

  @Field(() => Int, { description: 'Free seats now (limit − used).' })
  available!: number;

  @Field(() => Int, { description: 'Seats that users of directories in preview mode would claim on going live (for Directory.seatForecast, that directory’s users only). Zero for a live directory, whose users hold their seats.' })
  needed!: number;

  @Field(() => Int, { description: 'Free seats once the needed ones are claimed (available − needed); negative when they do not fit.' })
  remaining!: number;

  @Field(() => Int, { description: 'Seats missing for the needed ones; 0 when they fit.' })
  shortfall!: number;

  @Field(() => Int, { description: 'The warning margin: the status is LOW once fewer free seats than this would remain (5 % of the limit, at least 1).' })
  warnBelow!: number;

  @Field(() => SeatForecastStatusValue, { description: 'OK, LOW or EXCEEDED.' })
  status!: SeatForecastStatusValue;

  @Field(() => String, { description: 'The forecast in one plain sentence for an admin, with what to do when it is LOW or EXCEEDED.' })
  message!: string;
}

@ObjectType({ description: 'How many users would get one template on going live.' })
export class PreviewTemplateCount {
  @Field(() => ID, { nullable: true, description: 'The template; null when the organization has no template yet.' })
  templateId!: string | null;

  @Field(() => Int, { description: 'Users whose new card would use it.' })
  users!: number;
}

@ObjectType({ description: 'One user of a directory with what going live would give it.' })
export class PreviewUser {
  @Field(() => ID, { description: 'Id of the user (the SCIM id the identity provider reads back).' })
  id!: string;

  @Field(() => String, { description: 'The user’s SCIM userName.' })
  userName!: string;

  @Field(() => String, { nullable: true, description: 'Display name as the directory sent it.' })
  displayName!: string | null;

  @Field(() => String, { nullable: true, description: 'Primary e-mail address as the directory sent it.' })
  email!: string | null;

  @Field(() => Boolean, { description: 'Whether the directory reports the user active.' })
  active!: boolean;

  @Field(() => ID, { nullable: true, description: 'The template the user’s card would use (group rule, else the directory’s default, else the organization’s first template); null when the organization has none.' })
  templateId!: string | null;

  @Field(() => Boolean, { description: 'True when going live would claim a seat for the user.' })
  needsSeat!: boolean;

  @Field(() => Boolean, { description: 'True when going live would make the user’s card.' })
  createsCard!: boolean;

  @Field(() => CardStatusValue, { description: 'The status the card would have: SUSPENDED for a deactivated user unless the directory keeps leavers public.' })
  cardStatus!: CardStatusValue;

  @Field(() => Boolean, { description: 'True when going live would queue an invite e-mail to the user.' })
  sendsInvite!: boolean;
}

export const PreviewUserConnection = connectionType(PreviewUser, 'PreviewUser', 'user of a directory preview');

@ObjectType({ description: 'What going live would do for a directory, computed from what it stored. For a live directory, what is left to do (normally nothing).' })
export class DirectoryPreview {
  @Field(() => DirectoryModeValue, { description: 'The directory’s mode.' })
  mode!: DirectoryModeValue;

  @Field(() => Int, { description: 'Users the directory stored, active or not.' })
  userCount!: number;

  @Field(() => Int, { description: 'Of those, the users the directory reports active.' })
  activeUserCount!: number;

  @Field(() => Int, { description: 'Groups the directory stored.' })
  groupCount!: number;

  @Field(() => Int, { description: 'Cards going live would make (one per user without a card).' })
  cardsToCreate!: number;

  @Field(() => Int, { description: 'Of those, cards that would start suspended (deactivated users).' })
  suspendedCards!: number;

  @Field(() => Int, { description: 'Seats going live would claim in the directory’s organization (every user needs one, a deactivated user too, as in live mode).' })
  seatsNeeded!: number;

  @Field(() => Int, { description: 'Seats going live would claim in other organizations the directory assigns users to by e-mail domain.' })
  seatsNeededElsewhere!: number;

  @Field(() => Int, { description: 'Invite e-mails going live would queue (invites on, the user has an e-mail address and was never invited).' })
  invitesToSend!: number;

  @Field(() => [PreviewTemplateCount], { description: 'How many new cards would use each template, most used first.' })
  templates!: PreviewTemplateCount[];

  @Field(() => SeatForecast, { description: 'The seat forecast of the directory’s organization with these seats needed.' })
  seatForecast!: SeatForecast;
}

@ObjectType({ description: 'What going live did.' })
export class GoLiveDirectoryPayload {
  @Field(() => Directory, { description: 'The directory, now live.' })
  directory!: object;

  @Field(() => Int, { description: 'Seats claimed for the directory’s users.' })
  seatsClaimed!: number;

  @Field(() => Int, { description: 'Cards made.' })
  cardsCreated!: number;

  @Field(() => Int, { description: 'Existing cards (of manually invited users the directory matched) that now carry the directory’s fields.' })
  cardsUpdated!: number;

  @Field(() => Int, { description: 'Invite e-mails queued.' })
  invitesQueued!: number;
}
