/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment DirectoryCardFields on Directory {\n    id\n    name\n    provider\n    status\n    createdAt\n    lastSyncAt\n    userCount\n    groupCount\n    tenantUrl\n    providerDetails {\n      name\n      displayName\n      logoUrl\n    }\n    recentEvents(first: 5) {\n      id\n      occurredAt\n      operation\n      method\n      outcome\n      status\n      scimType\n      detail\n    }\n    refusedRequests(first: 5) {\n      minute\n      lastAt\n      reason\n      status\n      count\n    }\n  }\n": typeof types.DirectoryCardFieldsFragmentDoc,
    "\n  query PortalHome {\n    organization {\n      id\n      name\n      seats {\n        limit\n        used\n        available\n      }\n    }\n    directories {\n      ...DirectoryCardFields\n    }\n  }\n": typeof types.PortalHomeDocument,
    "\n  query PortalProviders {\n    directoryProviders {\n      name\n      displayName\n      description\n      logoUrl\n      docsUrl\n      supportsOAuth\n      matchingAttributes {\n        attribute\n        providerAttribute\n        description\n        isDefault\n      }\n    }\n    templates {\n      id\n      name\n    }\n    organization {\n      id\n      seats {\n        limit\n        used\n        available\n      }\n    }\n  }\n": typeof types.PortalProvidersDocument,
    "\n  mutation PortalCreateDirectory($input: CreateDirectoryInput!) {\n    createDirectory(input: $input) {\n      tenantUrl\n      secretToken\n      directory {\n        ...DirectoryCardFields\n      }\n    }\n  }\n": typeof types.PortalCreateDirectoryDocument,
    "\n  fragment SettingsFields on DirectorySettingsType {\n    matchingAttribute\n    invitesEnabled\n    domainAssignment\n    deprovisionPolicy\n    templateId\n    tokenOverlapSeconds\n    oauth {\n      tenantId\n      audience\n      refuseStaticToken\n    }\n    photoSync {\n      enabled\n      clientId\n      tenantId\n      hasClientSecret\n    }\n    customSchemas {\n      urn\n      name\n      attributes {\n        name\n        type\n        multiValued\n        caseExact\n        cardField\n      }\n    }\n  }\n": typeof types.SettingsFieldsFragmentDoc,
    "\n  mutation PortalUpdateSettings($input: UpdateDirectorySettingsInput!) {\n    updateDirectorySettings(input: $input) {\n      directory {\n        ...DirectoryCardFields\n        settings {\n          ...SettingsFields\n        }\n      }\n    }\n  }\n": typeof types.PortalUpdateSettingsDocument,
    "\n  query PortalDirectory($id: ID!) {\n    directory(id: $id) {\n      ...DirectoryCardFields\n      settings {\n        ...SettingsFields\n      }\n      providerDetails {\n        name\n        displayName\n        logoUrl\n        supportsOAuth\n        docsUrl\n        matchingAttributes {\n          attribute\n          providerAttribute\n          description\n          isDefault\n        }\n        setupSteps {\n          title\n          body\n          values {\n            label\n            placeholder\n          }\n          links {\n            label\n            url\n          }\n        }\n      }\n    }\n    organization {\n      id\n      seats {\n        limit\n        used\n        available\n      }\n    }\n    templates {\n      id\n      name\n    }\n  }\n": typeof types.PortalDirectoryDocument,
    "\n  query PortalGroups($directoryId: ID!) {\n    groups(directoryId: $directoryId, first: 100) {\n      totalCount\n      edges {\n        node {\n          id\n          displayName\n          memberCount\n          templatePriority\n          template {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": typeof types.PortalGroupsDocument,
    "\n  mutation PortalSetGroupTemplate($input: SetGroupTemplateInput!) {\n    setGroupTemplate(input: $input) {\n      cardsUpdated\n      group {\n        id\n        templatePriority\n        template {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.PortalSetGroupTemplateDocument,
    "\n  mutation PortalRotateToken($input: RotateDirectoryTokenInput!) {\n    rotateDirectoryToken(input: $input) {\n      secretToken\n      overlapSeconds\n      directory {\n        id\n      }\n    }\n  }\n": typeof types.PortalRotateTokenDocument,
    "\n  mutation PortalResendInvites {\n    resendInvites(input: {}) {\n      count\n    }\n  }\n": typeof types.PortalResendInvitesDocument,
    "\n  fragment EventFields on ProvisioningEvent {\n    id\n    directoryId\n    occurredAt\n    method\n    path\n    operation\n    outcome\n    status\n    resourceType\n    resourceId\n    requestId\n    scimType\n    detail\n    durationMs\n  }\n": typeof types.EventFieldsFragmentDoc,
    "\n  query PortalLog($filter: ProvisioningEventFilterInput, $first: Int!, $after: String) {\n    provisioningEvents(filter: $filter, first: $first, after: $after) {\n      edges {\n        node {\n          ...EventFields\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": typeof types.PortalLogDocument,
    "\n  subscription PortalLiveLog($directoryId: ID) {\n    provisioningEvents(directoryId: $directoryId) {\n      ...EventFields\n    }\n  }\n": typeof types.PortalLiveLogDocument,
    "\n  query PortalUsers($directoryId: ID!) {\n    users(filter: { directoryId: $directoryId }, first: 10, sort: { field: CREATED_AT, direction: DESC }) {\n      totalCount\n      edges {\n        node {\n          id\n          displayName\n          userName\n          email\n          active\n          inviteStatus\n          card {\n            id\n            publicUrl\n            status\n            template {\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.PortalUsersDocument,
};
const documents: Documents = {
    "\n  fragment DirectoryCardFields on Directory {\n    id\n    name\n    provider\n    status\n    createdAt\n    lastSyncAt\n    userCount\n    groupCount\n    tenantUrl\n    providerDetails {\n      name\n      displayName\n      logoUrl\n    }\n    recentEvents(first: 5) {\n      id\n      occurredAt\n      operation\n      method\n      outcome\n      status\n      scimType\n      detail\n    }\n    refusedRequests(first: 5) {\n      minute\n      lastAt\n      reason\n      status\n      count\n    }\n  }\n": types.DirectoryCardFieldsFragmentDoc,
    "\n  query PortalHome {\n    organization {\n      id\n      name\n      seats {\n        limit\n        used\n        available\n      }\n    }\n    directories {\n      ...DirectoryCardFields\n    }\n  }\n": types.PortalHomeDocument,
    "\n  query PortalProviders {\n    directoryProviders {\n      name\n      displayName\n      description\n      logoUrl\n      docsUrl\n      supportsOAuth\n      matchingAttributes {\n        attribute\n        providerAttribute\n        description\n        isDefault\n      }\n    }\n    templates {\n      id\n      name\n    }\n    organization {\n      id\n      seats {\n        limit\n        used\n        available\n      }\n    }\n  }\n": types.PortalProvidersDocument,
    "\n  mutation PortalCreateDirectory($input: CreateDirectoryInput!) {\n    createDirectory(input: $input) {\n      tenantUrl\n      secretToken\n      directory {\n        ...DirectoryCardFields\n      }\n    }\n  }\n": types.PortalCreateDirectoryDocument,
    "\n  fragment SettingsFields on DirectorySettingsType {\n    matchingAttribute\n    invitesEnabled\n    domainAssignment\n    deprovisionPolicy\n    templateId\n    tokenOverlapSeconds\n    oauth {\n      tenantId\n      audience\n      refuseStaticToken\n    }\n    photoSync {\n      enabled\n      clientId\n      tenantId\n      hasClientSecret\n    }\n    customSchemas {\n      urn\n      name\n      attributes {\n        name\n        type\n        multiValued\n        caseExact\n        cardField\n      }\n    }\n  }\n": types.SettingsFieldsFragmentDoc,
    "\n  mutation PortalUpdateSettings($input: UpdateDirectorySettingsInput!) {\n    updateDirectorySettings(input: $input) {\n      directory {\n        ...DirectoryCardFields\n        settings {\n          ...SettingsFields\n        }\n      }\n    }\n  }\n": types.PortalUpdateSettingsDocument,
    "\n  query PortalDirectory($id: ID!) {\n    directory(id: $id) {\n      ...DirectoryCardFields\n      settings {\n        ...SettingsFields\n      }\n      providerDetails {\n        name\n        displayName\n        logoUrl\n        supportsOAuth\n        docsUrl\n        matchingAttributes {\n          attribute\n          providerAttribute\n          description\n          isDefault\n        }\n        setupSteps {\n          title\n          body\n          values {\n            label\n            placeholder\n          }\n          links {\n            label\n            url\n          }\n        }\n      }\n    }\n    organization {\n      id\n      seats {\n        limit\n        used\n        available\n      }\n    }\n    templates {\n      id\n      name\n    }\n  }\n": types.PortalDirectoryDocument,
    "\n  query PortalGroups($directoryId: ID!) {\n    groups(directoryId: $directoryId, first: 100) {\n      totalCount\n      edges {\n        node {\n          id\n          displayName\n          memberCount\n          templatePriority\n          template {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": types.PortalGroupsDocument,
    "\n  mutation PortalSetGroupTemplate($input: SetGroupTemplateInput!) {\n    setGroupTemplate(input: $input) {\n      cardsUpdated\n      group {\n        id\n        templatePriority\n        template {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.PortalSetGroupTemplateDocument,
    "\n  mutation PortalRotateToken($input: RotateDirectoryTokenInput!) {\n    rotateDirectoryToken(input: $input) {\n      secretToken\n      overlapSeconds\n      directory {\n        id\n      }\n    }\n  }\n": types.PortalRotateTokenDocument,
    "\n  mutation PortalResendInvites {\n    resendInvites(input: {}) {\n      count\n    }\n  }\n": types.PortalResendInvitesDocument,
    "\n  fragment EventFields on ProvisioningEvent {\n    id\n    directoryId\n    occurredAt\n    method\n    path\n    operation\n    outcome\n    status\n    resourceType\n    resourceId\n    requestId\n    scimType\n    detail\n    durationMs\n  }\n": types.EventFieldsFragmentDoc,
    "\n  query PortalLog($filter: ProvisioningEventFilterInput, $first: Int!, $after: String) {\n    provisioningEvents(filter: $filter, first: $first, after: $after) {\n      edges {\n        node {\n          ...EventFields\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": types.PortalLogDocument,
    "\n  subscription PortalLiveLog($directoryId: ID) {\n    provisioningEvents(directoryId: $directoryId) {\n      ...EventFields\n    }\n  }\n": types.PortalLiveLogDocument,
    "\n  query PortalUsers($directoryId: ID!) {\n    users(filter: { directoryId: $directoryId }, first: 10, sort: { field: CREATED_AT, direction: DESC }) {\n      totalCount\n      edges {\n        node {\n          id\n          displayName\n          userName\n          email\n          active\n          inviteStatus\n          card {\n            id\n            publicUrl\n            status\n            template {\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n": types.PortalUsersDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DirectoryCardFields on Directory {\n    id\n    name\n    provider\n    status\n    createdAt\n    lastSyncAt\n    userCount\n    groupCount\n    tenantUrl\n    providerDetails {\n      name\n      displayName\n      logoUrl\n    }\n    recentEvents(first: 5) {\n      id\n      occurredAt\n      operation\n      method\n      outcome\n      status\n      scimType\n      detail\n    }\n    refusedRequests(first: 5) {\n      minute\n      lastAt\n      reason\n      status\n      count\n    }\n  }\n"): (typeof documents)["\n  fragment DirectoryCardFields on Directory {\n    id\n    name\n    provider\n    status\n    createdAt\n    lastSyncAt\n    userCount\n    groupCount\n    tenantUrl\n    providerDetails {\n      name\n      displayName\n      logoUrl\n    }\n    recentEvents(first: 5) {\n      id\n      occurredAt\n      operation\n      method\n      outcome\n      status\n      scimType\n      detail\n    }\n    refusedRequests(first: 5) {\n      minute\n      lastAt\n      reason\n      status\n      count\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PortalHome {\n    organization {\n      id\n      name\n      seats {\n        limit\n        used\n        available\n      }\n    }\n    directories {\n      ...DirectoryCardFields\n    }\n  }\n"): (typeof documents)["\n  query PortalHome {\n    organization {\n      id\n      name\n      seats {\n        limit\n        used\n        available\n      }\n    }\n    directories {\n      ...DirectoryCardFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PortalProviders {\n    directoryProviders {\n      name\n      displayName\n      description\n      logoUrl\n      docsUrl\n      supportsOAuth\n      matchingAttributes {\n        attribute\n        providerAttribute\n        description\n        isDefault\n      }\n    }\n    templates {\n      id\n      name\n    }\n    organization {\n      id\n      seats {\n        limit\n        used\n        available\n      }\n    }\n  }\n"): (typeof documents)["\n  query PortalProviders {\n    directoryProviders {\n      name\n      displayName\n      description\n      logoUrl\n      docsUrl\n      supportsOAuth\n      matchingAttributes {\n        attribute\n        providerAttribute\n        description\n        isDefault\n      }\n    }\n    templates {\n      id\n      name\n    }\n    organization {\n      id\n      seats {\n        limit\n        used\n        available\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PortalCreateDirectory($input: CreateDirectoryInput!) {\n    createDirectory(input: $input) {\n      tenantUrl\n      secretToken\n      directory {\n        ...DirectoryCardFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation PortalCreateDirectory($input: CreateDirectoryInput!) {\n    createDirectory(input: $input) {\n      tenantUrl\n      secretToken\n      directory {\n        ...DirectoryCardFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SettingsFields on DirectorySettingsType {\n    matchingAttribute\n    invitesEnabled\n    domainAssignment\n    deprovisionPolicy\n    templateId\n    tokenOverlapSeconds\n    oauth {\n      tenantId\n      audience\n      refuseStaticToken\n    }\n    photoSync {\n      enabled\n      clientId\n      tenantId\n      hasClientSecret\n    }\n    customSchemas {\n      urn\n      name\n      attributes {\n        name\n        type\n        multiValued\n        caseExact\n        cardField\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment SettingsFields on DirectorySettingsType {\n    matchingAttribute\n    invitesEnabled\n    domainAssignment\n    deprovisionPolicy\n    templateId\n    tokenOverlapSeconds\n    oauth {\n      tenantId\n      audience\n      refuseStaticToken\n    }\n    photoSync {\n      enabled\n      clientId\n      tenantId\n      hasClientSecret\n    }\n    customSchemas {\n      urn\n      name\n      attributes {\n        name\n        type\n        multiValued\n        caseExact\n        cardField\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PortalUpdateSettings($input: UpdateDirectorySettingsInput!) {\n    updateDirectorySettings(input: $input) {\n      directory {\n        ...DirectoryCardFields\n        settings {\n          ...SettingsFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation PortalUpdateSettings($input: UpdateDirectorySettingsInput!) {\n    updateDirectorySettings(input: $input) {\n      directory {\n        ...DirectoryCardFields\n        settings {\n          ...SettingsFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PortalDirectory($id: ID!) {\n    directory(id: $id) {\n      ...DirectoryCardFields\n      settings {\n        ...SettingsFields\n      }\n      providerDetails {\n        name\n        displayName\n        logoUrl\n        supportsOAuth\n        docsUrl\n        matchingAttributes {\n          attribute\n          providerAttribute\n          description\n          isDefault\n        }\n        setupSteps {\n          title\n          body\n          values {\n            label\n            placeholder\n          }\n          links {\n            label\n            url\n          }\n        }\n      }\n    }\n    organization {\n      id\n      seats {\n        limit\n        used\n        available\n      }\n    }\n    templates {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  query PortalDirectory($id: ID!) {\n    directory(id: $id) {\n      ...DirectoryCardFields\n      settings {\n        ...SettingsFields\n      }\n      providerDetails {\n        name\n        displayName\n        logoUrl\n        supportsOAuth\n        docsUrl\n        matchingAttributes {\n          attribute\n          providerAttribute\n          description\n          isDefault\n        }\n        setupSteps {\n          title\n          body\n          values {\n            label\n            placeholder\n          }\n          links {\n            label\n            url\n          }\n        }\n      }\n    }\n    organization {\n      id\n      seats {\n        limit\n        used\n        available\n      }\n    }\n    templates {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PortalGroups($directoryId: ID!) {\n    groups(directoryId: $directoryId, first: 100) {\n      totalCount\n      edges {\n        node {\n          id\n          displayName\n          memberCount\n          templatePriority\n          template {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query PortalGroups($directoryId: ID!) {\n    groups(directoryId: $directoryId, first: 100) {\n      totalCount\n      edges {\n        node {\n          id\n          displayName\n          memberCount\n          templatePriority\n          template {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PortalSetGroupTemplate($input: SetGroupTemplateInput!) {\n    setGroupTemplate(input: $input) {\n      cardsUpdated\n      group {\n        id\n        templatePriority\n        template {\n          id\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation PortalSetGroupTemplate($input: SetGroupTemplateInput!) {\n    setGroupTemplate(input: $input) {\n      cardsUpdated\n      group {\n        id\n        templatePriority\n        template {\n          id\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PortalRotateToken($input: RotateDirectoryTokenInput!) {\n    rotateDirectoryToken(input: $input) {\n      secretToken\n      overlapSeconds\n      directory {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation PortalRotateToken($input: RotateDirectoryTokenInput!) {\n    rotateDirectoryToken(input: $input) {\n      secretToken\n      overlapSeconds\n      directory {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PortalResendInvites {\n    resendInvites(input: {}) {\n      count\n    }\n  }\n"): (typeof documents)["\n  mutation PortalResendInvites {\n    resendInvites(input: {}) {\n      count\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment EventFields on ProvisioningEvent {\n    id\n    directoryId\n    occurredAt\n    method\n    path\n    operation\n    outcome\n    status\n    resourceType\n    resourceId\n    requestId\n    scimType\n    detail\n    durationMs\n  }\n"): (typeof documents)["\n  fragment EventFields on ProvisioningEvent {\n    id\n    directoryId\n    occurredAt\n    method\n    path\n    operation\n    outcome\n    status\n    resourceType\n    resourceId\n    requestId\n    scimType\n    detail\n    durationMs\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PortalLog($filter: ProvisioningEventFilterInput, $first: Int!, $after: String) {\n    provisioningEvents(filter: $filter, first: $first, after: $after) {\n      edges {\n        node {\n          ...EventFields\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"): (typeof documents)["\n  query PortalLog($filter: ProvisioningEventFilterInput, $first: Int!, $after: String) {\n    provisioningEvents(filter: $filter, first: $first, after: $after) {\n      edges {\n        node {\n          ...EventFields\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription PortalLiveLog($directoryId: ID) {\n    provisioningEvents(directoryId: $directoryId) {\n      ...EventFields\n    }\n  }\n"): (typeof documents)["\n  subscription PortalLiveLog($directoryId: ID) {\n    provisioningEvents(directoryId: $directoryId) {\n      ...EventFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PortalUsers($directoryId: ID!) {\n    users(filter: { directoryId: $directoryId }, first: 10, sort: { field: CREATED_AT, direction: DESC }) {\n      totalCount\n      edges {\n        node {\n          id\n          displayName\n          userName\n          email\n          active\n          inviteStatus\n          card {\n            id\n            publicUrl\n            status\n            template {\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query PortalUsers($directoryId: ID!) {\n    users(filter: { directoryId: $directoryId }, first: 10, sort: { field: CREATED_AT, direction: DESC }) {\n      totalCount\n      edges {\n        node {\n          id\n          displayName\n          userName\n          email\n          active\n          inviteStatus\n          card {\n            id\n            publicUrl\n            status\n            template {\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;