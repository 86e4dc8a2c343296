/** Every GraphQL operation of the portal; `npm run portal:codegen` types them into ./gql from schema.graphql. */
import { graphql } from './gql';

export const SeatForecastFields = graphql(`
  fragment SeatForecastFields on SeatForecast {
    limit
    used
    available
    needed
    remaining
    shortfall
    warnBelow
    status
    message
  }
`);

export const DirectoryCardFields = graphql(`
  fragment DirectoryCardFields on Directory {
    id
    name
    provider
    status
    mode
    createdAt
    lastSyncAt
    userCount
    groupCount
    tenantUrl
    providerDetails {
      name
      displayName
      logoUrl
    }
    connection {
      state
      lastRequestAt
      lastSyncAt
      testConnectionAt
      firstUserAt
      problems {
        code
        severity
        message
        fix
        count
        lastSeenAt
        detail
      }
    }
  }
`);

export const HomeQuery = graphql(`
  query PortalHome {
    organization {
      id
      name
      seats {
        limit
        used
        available
      }
      seatForecast {
        ...SeatForecastFields
      }
    }
    directories {
      ...DirectoryCardFields
    }
  }
`);

export const ProvidersQuery = graphql(`
  query PortalProviders {
    directoryProviders {
      name
      displayName
      description
      logoUrl
      docsUrl
      supportsOAuth
      matchingAttributes {
        attribute
        providerAttribute
        description
        isDefault
      }
    }
    templates {
      id
      name
    }
    organization {
      id
      seats {
        limit
        used
        available
      }
    }
  }
`);

export const CreateDirectoryMutation = graphql(`
  mutation PortalCreateDirectory($input: CreateDirectoryInput!) {
    createDirectory(input: $input) {
      tenantUrl
      secretToken
      directory {
        ...DirectoryCardFields
      }
    }
  }
`);

export const SettingsFields = graphql(`
  fragment SettingsFields on DirectorySettingsType {
    matchingAttribute
    invitesEnabled
    domainAssignment
    deprovisionPolicy
    templateId
    tokenOverlapSeconds
    oauth {
      tenantId
      audience
      refuseStaticToken
    }
    photoSync {
      enabled
      clientId
      tenantId
      hasClientSecret
    }
    customSchemas {
      urn
      name
      attributes {
        name
        type
        multiValued
        caseExact
        cardField
      }
    }
  }
`);

export const UpdateSettingsMutation = graphql(`
  mutation PortalUpdateSettings($input: UpdateDirectorySettingsInput!) {
    updateDirectorySettings(input: $input) {
      directory {
        ...DirectoryCardFields
        settings {
          ...SettingsFields
        }
      }
    }
  }
`);

export const DirectoryQuery = graphql(`
  query PortalDirectory($id: ID!) {
    directory(id: $id) {
      ...DirectoryCardFields
      settings {
        ...SettingsFields
      }
      providerDetails {
        name
        displayName
        logoUrl
        supportsOAuth
        docsUrl
        matchingAttributes {
          attribute
          providerAttribute
          description
          isDefault
        }
        setupSteps {
          title
          body
          values {
            label
            placeholder
          }
          links {
            label
            url
          }
        }
      }
    }
    organization {
      id
      seats {
        limit
        used
        available
      }
      seatForecast {
        ...SeatForecastFields
      }
    }
    templates {
      id
      name
    }
  }
`);

export const GroupsQuery = graphql(`
  query PortalGroups($directoryId: ID!) {
    groups(directoryId: $directoryId, first: 100) {
      totalCount
      edges {
        node {
          id
          displayName
          memberCount
          templatePriority
          template {
            id
            name
          }
        }
      }
    }
  }
`);

export const SetGroupTemplateMutation = graphql(`
  mutation PortalSetGroupTemplate($input: SetGroupTemplateInput!) {
    setGroupTemplate(input: $input) {
      cardsUpdated
      group {
        id
        templatePriority
        template {
          id
          name
        }
      }
    }
  }
`);

export const RotateTokenMutation = graphql(`
  mutation PortalRotateToken($input: RotateDirectoryTokenInput!) {
    rotateDirectoryToken(input: $input) {
      secretToken
      overlapSeconds
      directory {
        id
      }
    }
  }
`);

export const ResendInvitesMutation = graphql(`
  mutation PortalResendInvites {
    resendInvites(input: {}) {
      count
    }
  }
`);

export const EventFields = graphql(`
  fragment EventFields on ProvisioningEvent {
    id
    directoryId
    occurredAt
    operation
    outcome
    status
    resourceType
    durationMs
    request {
      method
      path
      operation
      resourceType
      resourceId
      requestId
    }
    response {
      status
      outcome
      scimType
      detail
      summary
    }
  }
`);

export const LogQuery = graphql(`
  query PortalLog($filter: ProvisioningEventFilterInput, $first: Int!, $after: String) {
    provisioningEvents(filter: $filter, first: $first, after: $after) {
      edges {
        node {
          ...EventFields
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

export const LiveLogSubscription = graphql(`
  subscription PortalLiveLog($filter: ProvisioningEventFilterInput) {
    provisioningEvents(filter: $filter) {
      ...EventFields
    }
  }
`);

export const UsersQuery = graphql(`
  query PortalUsers($directoryId: ID!) {
    users(filter: { directoryId: $directoryId }, first: 10, sort: { field: CREATED_AT, direction: DESC }) {
      totalCount
      edges {
        node {
          id
          displayName
          userName
          email
          active
          inviteStatus
          card {
            id
            publicUrl
            status
            template {
              name
            }
          }
        }
      }
    }
  }
`);

export const PreviewQuery = graphql(`
  query PortalPreview($id: ID!) {
    directory(id: $id) {
      id
      mode
      preview {
        userCount
        activeUserCount
        groupCount
        cardsToCreate
        suspendedCards
        seatsNeeded
        seatsNeededElsewhere
        invitesToSend
        templates {
          templateId
          users
        }
        seatForecast {
          ...SeatForecastFields
        }
        users(first: 25) {
          totalCount
          edges {
            node {
              id
              userName
              displayName
              email
              active
              needsSeat
              createsCard
              sendsInvite
              cardStatus
              template {
                id
                name
              }
            }
          }
        }
      }
    }
  }
`);

export const SeatForecastQuery = graphql(`
  query PortalSeatForecast($id: ID!) {
    directory(id: $id) {
      id
      seatForecast {
        ...SeatForecastFields
      }
    }
  }
`);

export const GoLiveMutation = graphql(`
  mutation PortalGoLive($id: ID!) {
    goLiveDirectory(id: $id) {
      seatsClaimed
      cardsCreated
      cardsUpdated
      invitesQueued
      directory {
        ...DirectoryCardFields
      }
    }
  }
`);
