#pragma once
// Patients: register, read, change and find a clinic's patients. Every read
// and write is audited in its own transaction.
#include "modules/patients/model.hpp"
#include "security/endpoints.hpp"

#include <boost/asio/awaitable.hpp>

#include <vector>

namespace consilium::patients {

using boost::asio::awaitable;
using security::RequestContext;

struct PatientPage {
  std::vector<Patient> items;
  std::optional<std::string> next_cursor;
};

awaitable<Result<Patient>> CreatePatient(const RequestContext& context, const PatientChanges& fields);
awaitable<Result<Patient>> GetPatient(const RequestContext& context, const std::string& id);
awaitable<Result<Patient>> UpdatePatient(const RequestContext& context, const std::string& id,
                                         const PatientChanges& changes, std::optional<int> expected_version);
awaitable<Result<PatientPage>> ListPatients(const RequestContext& context, PatientQuery query);

// Merges two records of the same person: the merged one is kept, read-only,
// pointing at the survivor, which takes on its identifiers and MRN.
awaitable<Result<Patient>> MergePatients(const RequestContext& context, const std::string& merged_id,
                                         const std::string& survivor_id);

// For other modules, inside their transaction: is this the clinic's patient?
awaitable<Result<bool>> PatientExists(db::Tx& tx, const std::string& clinic_id, const std::string& patient_id);

void RegisterRoutes(security::Endpoints& endpoints);

}  // namespace consilium::patients
