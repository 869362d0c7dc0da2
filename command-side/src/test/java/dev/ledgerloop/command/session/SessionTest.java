package dev.ledgerloop.command.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerloop.command.session.SessionCommand.AcknowledgeInteraction;
import dev.ledgerloop.command.session.SessionCommand.AddParticipant;
import dev.ledgerloop.command.session.SessionCommand.ArchiveSession;
import dev.ledgerloop.command.session.SessionCommand.CancelInteraction;
import dev.ledgerloop.command.session.SessionCommand.ChangeParticipantRole;
import dev.ledgerloop.command.session.SessionCommand.CloseSession;
import dev.ledgerloop.command.session.SessionCommand.DeleteMessage;
import dev.ledgerloop.command.session.SessionCommand.EditMessage;
import dev.ledgerloop.command.session.SessionCommand.ExpireMessage;
import dev.ledgerloop.command.session.SessionCommand.OpenInteraction;
import dev.ledgerloop.command.session.SessionCommand.OpenSession;
import dev.ledgerloop.command.session.SessionCommand.RedeemGuestToken;
import dev.ledgerloop.command.session.SessionCommand.RemoveParticipant;
import dev.ledgerloop.command.session.SessionCommand.SendMessage;
import dev.ledgerloop.command.session.SessionCommand.SignatureClaim;
import dev.ledgerloop.command.session.SessionCommand.SubmitResponse;
import dev.ledgerloop.command.session.SessionResources.MessageResource;
import dev.ledgerloop.command.session.SessionResults.InteractionOpened;
import dev.ledgerloop.command.session.SessionResults.MessageAccepted;
import dev.ledgerloop.command.session.SessionResults.SessionState;
import dev.ledgerloop.events.decision.DecisionStatement;
import dev.ledgerloop.events.envelope.EncryptedEnvelope;
import dev.ledgerloop.events.envelope.Wrapping;
import dev.ledgerloop.events.keys.PublicKeys;
import dev.ledgerloop.events.session.DecisionSignature;
import dev.ledgerloop.events.session.GuestTokenCreated;
import dev.ledgerloop.events.session.GuestTokenRedeemed;
import dev.ledgerloop.events.session.GuestTokenRevoked;
import dev.ledgerloop.events.session.InteractionAcknowledged;
import dev.ledgerloop.events.session.InteractionCancelled;
import dev.ledgerloop.events.session.MessageDeleted;
import dev.ledgerloop.events.session.MessageEdited;
import dev.ledgerloop.events.session.MessageExpired;
import dev.ledgerloop.events.session.MessageSent;
import dev.ledgerloop.events.session.ParticipantAdded;
import dev.ledgerloop.events.session.ParticipantRole;
import dev.ledgerloop.events.session.ParticipantRoleChanged;
import dev.ledgerloop.events.session.Priority;
import dev.ledgerloop.events.session.ResponseSubmitted;
import dev.ledgerloop.events.session.SenderType;
import dev.ledgerloop.events.session.SessionArchived;
import dev.ledgerloop.events.session.SessionClosed;
import dev.ledgerloop.events.session.SessionOpened;
import dev.ledgerloop.platform.principal.Principal;
import dev.ledgerloop.service.domain.DomainException;
import dev.ledgerloop.service.events.EventContext;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Session aggregate's rules, given past events, when a command, then events or an error. */
class SessionTest {
    private static final UUID SPACE = UUID.randomUUID();
    private static final UUID AGENT = UUID.randomUUID();
    private static final UUID SESSION = UUID.randomUUID();
    private static final MetaData AS_THE_AGENT = EventContext.of(Principal.agent(SPACE, AGENT, "default", "key-1"));
    private static final EncryptedEnvelope CONTENT = new EncryptedEnvelope(
            EncryptedEnvelope.VERSION,
            EncryptedEnvelope.ALGORITHM,
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            List.of(new Wrapping("human-1", "AAAA", "AAAA")));

    private FixtureConfiguration<Session> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Session.class);
    }

    @Test
    void an_agent_opens_a_session() {
        fixture.givenNoPriorActivity()
                .when(new OpenSession(SESSION, AGENT, CONTENT, true, 5, false), AS_THE_AGENT)
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SessionOpened(SESSION, AGENT, CONTENT, true, 5))
                .expectResultMessagePayloadMatching(matching(
                        SessionState.class,
                        session -> session.status() == SessionStatus.Active
                                && session.agentId().equals(AGENT)
                                && session.maxGuests() == 5));
    }

    @Test
    void a_message_to_an_active_session_is_sent_by_its_agent() {
        UUID message = UUID.randomUUID();
        fixture.given(opened())
                .when(
                        new SendMessage(SESSION, AGENT, message, CONTENT, null, true, Priority.High, null, "r"),
                        AS_THE_AGENT)
                .expectEvents(new MessageSent(
                        SESSION, message, SenderType.Agent, AGENT, null, CONTENT, null, true, Priority.High, null, "r"))
                .expectResultMessagePayloadMatching(matching(
                        MessageAccepted.class,
                        accepted -> accepted.event().messageId().equals(message)
                                && MessageResource.of(accepted).status().equals("Pending")));
    }

    @Test
    void an_interaction_opens_its_session_and_sends_its_request_in_one_go() {
        UUID request = UUID.randomUUID();
        fixture.givenNoPriorActivity()
                .when(
                        new OpenInteraction(
                                new OpenSession(SESSION, AGENT, null, false, null, false, "approval"),
                                new SendMessage(
                                        SESSION, AGENT, request, CONTENT, null, true, Priority.High, null, null)),
                        AS_THE_AGENT)
                .expectEvents(
                        new SessionOpened(SESSION, AGENT, null, false, null, null, "approval"),
                        new MessageSent(
                                SESSION,
                                request,
                                SenderType.Agent,
                                AGENT,
                                null,
                                CONTENT,
                                null,
                                true,
                                Priority.High,
                                null,
                                null))
                .expectResultMessagePayloadMatching(matching(
                        InteractionOpened.class,
                        opened -> opened.request().event().messageId().equals(request)));
    }

    @Test
    void an_interactions_cancel_and_acknowledge_concern_its_request_not_the_latest_question() {
        UUID request = UUID.randomUUID();
        UUID later = UUID.randomUUID();
        Object interaction = inSpace(new SessionOpened(SESSION, AGENT, null, false, null, null, "approval"));
        Object asked = inSpace(new MessageSent(
                SESSION, request, SenderType.Agent, AGENT, null, CONTENT, null, true, Priority.Medium, null, null));
        Object askedAgain = inSpace(new MessageSent(
                SESSION, later, SenderType.Agent, AGENT, null, CONTENT, null, true, Priority.Medium, null, null));
        Object answered = inSpace(new ResponseSubmitted(SESSION, request, UUID.randomUUID(), "alice", CONTENT, null));

        fixture.given(interaction, asked, askedAgain)
                .when(new CancelInteraction(SESSION, AGENT, true), AS_THE_AGENT)
                .expectEvents(new InteractionCancelled(SESSION, request));
        fixture.given(interaction, asked, askedAgain, answered)
                .when(new CancelInteraction(SESSION, AGENT, true), AS_THE_AGENT)
                .expectNoEvents()
                .expectException(SessionRefusedException.class);
        fixture.given(interaction, asked, askedAgain, answered)
                .when(new AcknowledgeInteraction(SESSION, AGENT, true), AS_THE_AGENT)
                .expectEvents(new InteractionAcknowledged(SESSION, request));
        fixture.given(opened())
                .when(new CancelInteraction(SESSION, AGENT, true), AS_THE_AGENT)
                .expectNoEvents()
                .expectException(DomainException.class);
    }

    @Test
    void a_closed_session_refuses_messages() {
        fixture.given(opened(), inSpace(new SessionClosed(SESSION)))
                .when(
                        new SendMessage(
                                SESSION, AGENT, UUID.randomUUID(), CONTENT, null, false, Priority.Low, null, null),
                        AS_THE_AGENT)
                .expectNoEvents()
                .expectException(SessionRefusedException.class);
    }

    @Test
    void a_session_is_closed_once() {
        fixture.given(opened())
                .when(new CloseSession(SESSION, AGENT), AS_THE_AGENT)
                .expectEvents(new SessionClosed(SESSION));
        fixture.given(opened(), inSpace(new SessionClosed(SESSION)))
                .when(new CloseSession(SESSION, AGENT), AS_THE_AGENT)
                .expectNoEvents()
                .expectException(SessionRefusedException.class);
    }

    @Test
    void another_agent_does_not_find_the_session() {
        UUID stranger = UUID.randomUUID();
        fixture.given(opened())
                .when(
                        new CloseSession(SESSION, stranger),
                        EventContext.of(Principal.agent(SPACE, stranger, "other", "key-2")))
                .expectNoEvents()
                .expectException(SessionNotFoundException.class);
    }

    @Test
    void the_same_agent_id_in_another_space_does_not_find_the_session() {
        fixture.given(opened())
                .when(
                        new SendMessage(
                                SESSION,
                                AGENT,
                                UUID.randomUUID(),
                                CONTENT,
                                null,
                                false,
                                Priority.Medium,
                                Instant.now(),
                                null),
                        EventContext.of(Principal.agent(UUID.randomUUID(), AGENT, "default", "key-1")))
                .expectNoEvents()
                .expectException(SessionNotFoundException.class);
    }

    private static final UUID MESSAGE = UUID.randomUUID();
    private static final MetaData AS_ALICE = EventContext.of(Principal.human(SPACE, "alice"));

    @Test
    void the_agent_edits_and_deletes_its_message() {
        fixture.given(opened(), inSpace(question(null)))
                .when(new EditMessage(SESSION, AGENT, MESSAGE, CONTENT, null), AS_THE_AGENT)
                .expectEvents(new MessageEdited(SESSION, MESSAGE, CONTENT, null));
        fixture.given(opened(), inSpace(question(null)))
                .when(new DeleteMessage(SESSION, AGENT, MESSAGE), AS_THE_AGENT)
                .expectEvents(new MessageDeleted(SESSION, MESSAGE));
    }

    @Test
    void a_deleted_message_cannot_be_edited() {
        fixture.given(opened(), inSpace(question(null)), inSpace(new MessageDeleted(SESSION, MESSAGE)))
                .when(new EditMessage(SESSION, AGENT, MESSAGE, CONTENT, null), AS_THE_AGENT)
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("not found"));
    }

    @Test
    void a_member_answers_a_pending_question_once() {
        fixture.given(opened(), inSpace(participant("alice", ParticipantRole.member)), inSpace(question(null)))
                .when(new SubmitResponse(SESSION, "alice", MESSAGE, RESPONSE, CONTENT, null, null), AS_ALICE)
                .expectEvents(new ResponseSubmitted(SESSION, MESSAGE, RESPONSE, "alice", CONTENT));
        fixture.given(
                        opened(),
                        inSpace(participant("alice", ParticipantRole.member)),
                        inSpace(question(null)),
                        inSpace(new ResponseSubmitted(SESSION, MESSAGE, RESPONSE, "alice", CONTENT)))
                .when(new SubmitResponse(SESSION, "alice", MESSAGE, UUID.randomUUID(), CONTENT, null, null), AS_ALICE)
                .expectNoEvents()
                .expectException(SessionRefusedException.class);
    }

    @Test
    void a_signed_answer_is_checked_over_the_question_as_edited_and_stored_with_its_key() {
        EncryptedEnvelope edited = new EncryptedEnvelope(
                EncryptedEnvelope.VERSION,
                EncryptedEnvelope.ALGORITHM,
                "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB",
                List.of(new Wrapping("human-1", "AAAA", "AAAA")));
        String request = DecisionStatement.requestSha256(edited, null);
        String response = DecisionStatement.responseSha256(CONTENT);
        SignatureClaim claim = new SignatureClaim(
                "Ed25519",
                "approve",
                sign(DecisionStatement.signedBytes(SESSION, MESSAGE, request, response, "approve")));
        Object[] history = {
            opened(),
            inSpace(participant("alice", ParticipantRole.member)),
            inSpace(question(null)),
            inSpace(new MessageEdited(SESSION, MESSAGE, edited, null))
        };

        fixture.given(history)
                .when(new SubmitResponse(SESSION, "alice", MESSAGE, RESPONSE, CONTENT, claim, SIGNING_KEY), AS_ALICE)
                .expectEvents(new ResponseSubmitted(
                        SESSION,
                        MESSAGE,
                        RESPONSE,
                        "alice",
                        CONTENT,
                        new DecisionSignature(
                                "Ed25519",
                                PublicKeys.id(Base64.getDecoder().decode(SIGNING_KEY)),
                                SIGNING_KEY,
                                "approve",
                                request,
                                response,
                                claim.value())));
        // The same signature over the question as first asked: it changed since.
        fixture.given(opened(), inSpace(participant("alice", ParticipantRole.member)), inSpace(question(null)))
                .when(new SubmitResponse(SESSION, "alice", MESSAGE, RESPONSE, CONTENT, claim, SIGNING_KEY), AS_ALICE)
                .expectNoEvents()
                .expectExceptionMessage("Field 'signature' does not verify");
        fixture.given(history)
                .when(new SubmitResponse(SESSION, "alice", MESSAGE, RESPONSE, CONTENT, claim, null), AS_ALICE)
                .expectNoEvents()
                .expectExceptionMessage(org.hamcrest.Matchers.startsWith("Field 'signature' cannot be checked"));
    }

    @Test
    void a_session_that_requires_signed_answers_refuses_an_unsigned_one() {
        fixture.given(
                        inSpace(new SessionOpened(SESSION, AGENT, null, false, null, true)),
                        inSpace(participant("alice", ParticipantRole.member)),
                        inSpace(question(null)))
                .when(new SubmitResponse(SESSION, "alice", MESSAGE, RESPONSE, CONTENT, null, null), AS_ALICE)
                .expectNoEvents()
                .expectExceptionMessage(org.hamcrest.Matchers.startsWith("Field 'signature' is required"));
    }

    private static final Ed25519PrivateKeyParameters SIGNER = new Ed25519PrivateKeyParameters(new byte[32]);
    private static final String SIGNING_KEY =
            Base64.getEncoder().encodeToString(SIGNER.generatePublicKey().getEncoded());

    private static String sign(byte[] bytes) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, SIGNER);
        signer.update(bytes, 0, bytes.length);
        return Base64.getEncoder().encodeToString(signer.generateSignature());
    }

    @Test
    void a_viewer_may_not_answer() {
        fixture.given(opened(), inSpace(participant("alice", ParticipantRole.viewer)), inSpace(question(null)))
                .when(new SubmitResponse(SESSION, "alice", MESSAGE, RESPONSE, CONTENT, null, null), AS_ALICE)
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("viewer"));
    }

    @Test
    void a_human_who_is_not_a_participant_does_not_find_the_session() {
        fixture.given(opened(), inSpace(question(null)))
                .when(new SubmitResponse(SESSION, "alice", MESSAGE, RESPONSE, CONTENT, null, null), AS_ALICE)
                .expectNoEvents()
                .expectException(SessionNotFoundException.class);
    }

    @Test
    void the_agent_acknowledges_an_answered_interaction_and_cancels_a_pending_one() {
        fixture.given(
                        opened(),
                        inSpace(participant("alice", ParticipantRole.member)),
                        inSpace(question(null)),
                        inSpace(new ResponseSubmitted(SESSION, MESSAGE, RESPONSE, "alice", CONTENT)))
                .when(new AcknowledgeInteraction(SESSION, AGENT), AS_THE_AGENT)
                .expectEvents(new InteractionAcknowledged(SESSION, MESSAGE));
        fixture.given(opened(), inSpace(question(null)))
                .when(new CancelInteraction(SESSION, AGENT), AS_THE_AGENT)
                .expectEvents(new InteractionCancelled(SESSION, MESSAGE));
        fixture.given(opened(), inSpace(question(null)))
                .when(new AcknowledgeInteraction(SESSION, AGENT), AS_THE_AGENT)
                .expectNoEvents()
                .expectException(SessionRefusedException.class);
    }

    @Test
    void an_unanswered_question_expires_at_its_deadline_and_an_answered_one_does_not() {
        Instant deadline = Instant.parse("2026-01-01T00:00:00Z");
        MetaData system = EventContext.system(SPACE, "deadlines");
        fixture.given(opened(), inSpace(question(deadline)))
                .when(new ExpireMessage(SESSION, MESSAGE), system)
                .expectEvents(new MessageExpired(SESSION, MESSAGE));
        fixture.given(
                        opened(),
                        inSpace(participant("alice", ParticipantRole.member)),
                        inSpace(question(deadline)),
                        inSpace(new ResponseSubmitted(SESSION, MESSAGE, RESPONSE, "alice", CONTENT)))
                .when(new ExpireMessage(SESSION, MESSAGE), system)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void participants_are_added_once_changed_and_removed() {
        fixture.given(opened())
                .when(new AddParticipant(SESSION, AGENT, "alice", ParticipantRole.admin), AS_THE_AGENT)
                .expectEvents(new ParticipantAdded(SESSION, "alice", ParticipantRole.admin));
        fixture.given(opened(), inSpace(participant("alice", ParticipantRole.member)))
                .when(new AddParticipant(SESSION, AGENT, "alice", ParticipantRole.admin), AS_THE_AGENT)
                .expectNoEvents()
                .expectException(SessionRefusedException.class);
        fixture.given(opened(), inSpace(participant("alice", ParticipantRole.member)))
                .when(new ChangeParticipantRole(SESSION, AGENT, "alice", ParticipantRole.viewer), AS_THE_AGENT)
                .expectEvents(new ParticipantRoleChanged(SESSION, "alice", ParticipantRole.viewer));
        fixture.given(opened())
                .when(new RemoveParticipant(SESSION, AGENT, "bob"), AS_THE_AGENT)
                .expectNoEvents()
                .expectException(DomainException.class);
    }

    @Test
    void a_closed_session_is_archived_once() {
        fixture.given(opened(), inSpace(new SessionClosed(SESSION)))
                .when(new ArchiveSession(SESSION, AGENT), AS_THE_AGENT)
                .expectEvents(new SessionArchived(SESSION));
        fixture.given(opened(), inSpace(new SessionArchived(SESSION)))
                .when(new ArchiveSession(SESSION, AGENT), AS_THE_AGENT)
                .expectNoEvents()
                .expectException(SessionRefusedException.class);
    }

    @Test
    void a_guest_token_admits_up_to_its_uses_until_it_expires_or_is_revoked() {
        UUID token = UUID.randomUUID();
        Instant now = Instant.parse("2026-06-01T00:00:00Z");
        Object created =
                inSpace(new GuestTokenCreated(SESSION, token, GuestTokens.hash("hlg_1"), 1, now.plusSeconds(60)));
        fixture.given(opened(), created)
                .when(new RedeemGuestToken(SESSION, "gina", "hlg_1", null, now), AS_GINA)
                .expectEvents(
                        new GuestTokenRedeemed(SESSION, token, "gina"),
                        new ParticipantAdded(SESSION, "gina", ParticipantRole.guest));
        fixture.given(opened(), created, inSpace(new GuestTokenRedeemed(SESSION, token, "gina")))
                .when(new RedeemGuestToken(SESSION, "hugo", "hlg_1", null, now), AS_HUGO)
                .expectNoEvents()
                .expectException(SessionRefusedException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("used up"));
        fixture.given(opened(), created)
                .when(new RedeemGuestToken(SESSION, "gina", "hlg_1", null, now.plusSeconds(61)), AS_GINA)
                .expectNoEvents()
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("expired"));
        fixture.given(opened(), created, inSpace(new GuestTokenRevoked(SESSION, token)))
                .when(new RedeemGuestToken(SESSION, "gina", "hlg_1", null, now), AS_GINA)
                .expectNoEvents()
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("revoked"));
        fixture.given(opened(), created)
                .when(new RedeemGuestToken(SESSION, "gina", "hlg_wrong", null, now), AS_GINA)
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("No such guest token"));
    }

    private static final MetaData AS_GINA = EventContext.of(Principal.human(SPACE, "gina"));
    private static final MetaData AS_HUGO = EventContext.of(Principal.human(SPACE, "hugo"));

    private static final UUID RESPONSE = UUID.randomUUID();

    private static MessageSent question(Instant deadline) {
        return new MessageSent(
                SESSION, MESSAGE, SenderType.Agent, AGENT, null, CONTENT, null, true, Priority.High, deadline, null);
    }

    private static ParticipantAdded participant(String userId, ParticipantRole role) {
        return new ParticipantAdded(SESSION, userId, role);
    }

    private static Object opened() {
        return inSpace(new SessionOpened(SESSION, AGENT, null, false, null));
    }

    private static Object inSpace(Object event) {
        return GenericEventMessage.asEventMessage(event).andMetaData(AS_THE_AGENT);
    }

    private static <T> org.hamcrest.Matcher<T> matching(Class<T> type, java.util.function.Predicate<T> check) {
        return new org.hamcrest.TypeSafeMatcher<>(type) {
            @Override
            protected boolean matchesSafely(T item) {
                return check.test(item);
            }

            @Override
            public void describeTo(org.hamcrest.Description description) {
                description.appendText("a " + type.getSimpleName() + " as expected");
            }
        };
    }

    @Test
    void the_fixture_reads_the_space_from_event_metadata() {
        assertThat(EventContext.spaceId(AS_THE_AGENT)).isEqualTo(SPACE);
    }
}
