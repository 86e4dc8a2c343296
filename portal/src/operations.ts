/** Every GraphQL operation of the portal; `npm run portal:codegen` types them into ./gql from schema.graphql. */
import { graphql } from './gql';

export const DirectoryCardFields = graphql(`
  fragment DirectoryCardFields on Directory {
    id
    name
    provider
    status
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
    recentEvents(first: 5) {
      id
      occurredAt
      operation
      method
      outcome
      status
      scimType
      detail
    }
    refusedRequests(first: 5) {
      minute
      lastAt
      reason
      status
      count
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
    method
    path
    operation
    outcome
    status
    resourceType
    resourceId
    requestId
    scimType
    detail
    durationMs
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
  subscription PortalLiveLog($directoryId: ID) {
    provisioningEvents(directoryId: $directoryId) {
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
