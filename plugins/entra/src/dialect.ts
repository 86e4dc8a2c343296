import { scim } from 'cardbridge/plugin';

/**
 * How Microsoft Entra ID's provisioning service speaks SCIM, as data (Microsoft Learn: "Tutorial: Develop and plan
 * provisioning for a SCIM endpoint", "Known issues and resolutions with SCIM 2.0 protocol compliance").
 */
export const entraDialect = scim.defineDialect({
  // Entra sends "Replace", "Add", "Remove".
  operationNamesCaseInsensitive: true,
  // Entra sends booleans as "True"/"False" in PATCH values (unless the `aadOptscim062020` flag is set).
  booleanStrings: true,
  // Entra replaces `emails[type eq "work"].value` on users who have no work e-mail yet and expects it added.
  replaceUnmatchedValuePathAdds: true,
  // The enterprise `manager` arrives as a plain id in PATCH values, or as { value }.
  managerAsString: true,
  // Entra sends null for attributes that are empty in the directory.
  nullMeansAbsent: true,
  // Entra's create-group carries "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/Group" in `schemas`.
  ignoreUnknownSchemas: true,
  maxPageSize: 1000,
});
