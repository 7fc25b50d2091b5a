#include "platform/crypto/jwt.hpp"

#include "platform/crypto/encoding.hpp"

#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

#include <vector>

namespace consilium::crypto {
namespace {

constexpr std::int64_t kNow = 1'700'000'000;
constexpr std::string_view kIssuer = "https://consilium.test";

boost::json::object ValidClaims() {
  return {{"iss", kIssuer}, {"sub", "user-1"}, {"iat", kNow}, {"exp", kNow + 900}};
}

std::vector<std::string> SplitToken(const std::string& token) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t dot; (dot = token.find('.', start)) != std::string::npos; start = dot + 1) {
    parts.push_back(token.substr(start, dot - start));
  }
  parts.push_back(token.substr(start));
  return parts;
}

// Builds a token with an arbitrary header, signed by `key` (so only the
// header check under test can reject it).
std::string TokenWithHeader(const SigningKey& key, const boost::json::object& header,
                            const boost::json::object& claims = ValidClaims()) {
  const std::string input =
      Base64UrlEncode(boost::json::serialize(header)) + "." + Base64UrlEncode(boost::json::serialize(claims));
  return input + "." + Base64UrlEncode(key.Sign(input));
}

void ExpectRejected(const Result<boost::json::object>& result, std::string_view detail_fragment) {
  ASSERT_FALSE(result) << "expected rejection: " << detail_fragment;
  EXPECT_EQ(result.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(result.error().public_message, "invalid or expired access token");
  EXPECT_NE(result.error().log_detail.find(detail_fragment), std::string::npos) << result.error().log_detail;
}

class JwtTest : public ::testing::Test {
 protected:
  SigningKey key_ = SigningKey::Generate();
};

TEST_F(JwtTest, RoundTrip) {
  const std::string token = SignJwt(key_, ValidClaims());
  const std::vector<std::string> parts = SplitToken(token);
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(*Base64UrlDecode(parts[0]),
            boost::json::serialize(boost::json::object{{"alg", "EdDSA"}, {"typ", "JWT"}, {"kid", key_.kid()}}));

  auto claims = VerifyJwt(key_, token, kNow, kIssuer);
  ASSERT_TRUE(claims) << claims.error().log_detail;
  EXPECT_EQ(*claims, ValidClaims());
}

TEST_F(JwtTest, AcceptsHeaderWithoutTypAndSmallClockSkew) {
  EXPECT_TRUE(VerifyJwt(key_, TokenWithHeader(key_, {{"alg", "EdDSA"}, {"kid", key_.kid()}}), kNow, kIssuer));
  boost::json::object claims = ValidClaims();
  claims["iat"] = kNow + kJwtClockSkewSeconds;
  EXPECT_TRUE(VerifyJwt(key_, SignJwt(key_, claims), kNow, kIssuer));
}

TEST_F(JwtTest, RejectsAlgNone) {
  // Classic forgery: alg none and an empty signature, and with a signature.
  const std::string unsigned_token = Base64UrlEncode(R"({"alg":"none","typ":"JWT","kid":")" + key_.kid() + "\"}") +
                                     "." + Base64UrlEncode(boost::json::serialize(ValidClaims())) + ".";
  ExpectRejected(VerifyJwt(key_, unsigned_token, kNow, kIssuer), "empty part");
  ExpectRejected(VerifyJwt(key_, TokenWithHeader(key_, {{"alg", "none"}, {"typ", "JWT"}, {"kid", key_.kid()}}), kNow,
                           kIssuer),
                 "alg");
  ExpectRejected(VerifyJwt(key_, TokenWithHeader(key_, {{"alg", "NONE"}, {"kid", key_.kid()}}), kNow, kIssuer), "alg");
}

TEST_F(JwtTest, RejectsOtherAlgorithms) {
  for (std::string_view alg : {"HS256", "RS256", "ES256", "eddsa", "Ed25519", ""}) {
    ExpectRejected(
        VerifyJwt(key_, TokenWithHeader(key_, {{"alg", alg}, {"typ", "JWT"}, {"kid", key_.kid()}}), kNow, kIssuer),
        "alg");
  }
  ExpectRejected(VerifyJwt(key_, TokenWithHeader(key_, {{"typ", "JWT"}, {"kid", key_.kid()}}), kNow, kIssuer), "alg");
  ExpectRejected(VerifyJwt(key_, TokenWithHeader(key_, {{"alg", boost::json::array{"EdDSA"}}, {"kid", key_.kid()}}),
                           kNow, kIssuer),
                 "alg");
}

TEST_F(JwtTest, RejectsWrongTypAndCrit) {
  ExpectRejected(
      VerifyJwt(key_, TokenWithHeader(key_, {{"alg", "EdDSA"}, {"typ", "JOSE"}, {"kid", key_.kid()}}), kNow, kIssuer),
      "typ");
  ExpectRejected(VerifyJwt(key_,
                           TokenWithHeader(key_, {{"alg", "EdDSA"},
                                                  {"kid", key_.kid()},
                                                  {"crit", boost::json::array{"exp"}},
                                                  {"exp", kNow + 10}}),
                           kNow, kIssuer),
                 "crit");
}

TEST_F(JwtTest, RejectsWrongKid) {
  const SigningKey other = SigningKey::Generate();
  ExpectRejected(VerifyJwt(key_, SignJwt(other, ValidClaims()), kNow, kIssuer), "kid");
  ExpectRejected(VerifyJwt(key_, TokenWithHeader(key_, {{"alg", "EdDSA"}}), kNow, kIssuer), "kid");
  // Claiming our kid does not help a token signed by another key.
  ExpectRejected(VerifyJwt(key_, TokenWithHeader(other, {{"alg", "EdDSA"}, {"kid", key_.kid()}}), kNow, kIssuer),
                 "bad signature");
}

TEST_F(JwtTest, RejectsTamperedPayload) {
  std::vector<std::string> parts = SplitToken(SignJwt(key_, ValidClaims()));
  boost::json::object claims = ValidClaims();
  claims["sub"] = "admin";
  const std::string forged = parts[0] + "." + Base64UrlEncode(boost::json::serialize(claims)) + "." + parts[2];
  ExpectRejected(VerifyJwt(key_, forged, kNow, kIssuer), "bad signature");
}

TEST_F(JwtTest, RejectsTamperedSignature) {
  std::vector<std::string> parts = SplitToken(SignJwt(key_, ValidClaims()));
  std::string signature = *Base64UrlDecode(parts[2]);
  signature[0] ^= 0x01;
  ExpectRejected(VerifyJwt(key_, parts[0] + "." + parts[1] + "." + Base64UrlEncode(signature), kNow, kIssuer),
                 "bad signature");
  ExpectRejected(VerifyJwt(key_, parts[0] + "." + parts[1] + "." + Base64UrlEncode(signature.substr(0, 63)), kNow,
                           kIssuer),
                 "bad signature");
  // Same signature bytes, different (non-canonical) encoding of the last char.
  std::string reencoded = parts[2];
  reencoded.back() = reencoded.back() == 'A' ? 'B' : 'A';
  ExpectRejected(VerifyJwt(key_, parts[0] + "." + parts[1] + "." + reencoded, kNow, kIssuer), "signature");
}

TEST_F(JwtTest, RejectsExpired) {
  const std::string token = SignJwt(key_, ValidClaims());
  EXPECT_TRUE(VerifyJwt(key_, token, kNow + 899, kIssuer));
  ExpectRejected(VerifyJwt(key_, token, kNow + 900, kIssuer), "expired");
  ExpectRejected(VerifyJwt(key_, token, kNow + 100000, kIssuer), "expired");
}

TEST_F(JwtTest, RejectsMissingOrMalformedTimes) {
  boost::json::object claims = ValidClaims();
  claims.erase("exp");
  ExpectRejected(VerifyJwt(key_, SignJwt(key_, claims), kNow, kIssuer), "exp");
  claims["exp"] = static_cast<double>(kNow + 900);
  ExpectRejected(VerifyJwt(key_, SignJwt(key_, claims), kNow, kIssuer), "exp");
  claims["exp"] = std::to_string(kNow + 900);
  ExpectRejected(VerifyJwt(key_, SignJwt(key_, claims), kNow, kIssuer), "exp");

  claims = ValidClaims();
  claims.erase("iat");
  ExpectRejected(VerifyJwt(key_, SignJwt(key_, claims), kNow, kIssuer), "iat");
  claims["iat"] = kNow + kJwtClockSkewSeconds + 1;
  ExpectRejected(VerifyJwt(key_, SignJwt(key_, claims), kNow, kIssuer), "iat in the future");

  claims = ValidClaims();
  claims["nbf"] = kNow + kJwtClockSkewSeconds + 1;
  ExpectRejected(VerifyJwt(key_, SignJwt(key_, claims), kNow, kIssuer), "nbf");
}

TEST_F(JwtTest, RejectsWrongIssuer) {
  ExpectRejected(VerifyJwt(key_, SignJwt(key_, ValidClaims()), kNow, "https://evil.test"), "iss");
  boost::json::object claims = ValidClaims();
  claims.erase("iss");
  ExpectRejected(VerifyJwt(key_, SignJwt(key_, claims), kNow, kIssuer), "iss");
}

TEST_F(JwtTest, RejectsGarbage) {
  for (std::string_view garbage : {"", ".", "..", "garbage", "a.b.c", "!!!.@@@.###", "eyJhbGciOiJFZERTQSJ9.e30.",
                                   "e30.e30.e30"}) {
    ExpectRejected(VerifyJwt(key_, garbage, kNow, kIssuer), "");
  }
  // A signed but non-object payload.
  const std::string header = Base64UrlEncode(boost::json::serialize(
      boost::json::object{{"alg", "EdDSA"}, {"typ", "JWT"}, {"kid", key_.kid()}}));
  const std::string input = header + "." + Base64UrlEncode("[1,2,3]");
  ExpectRejected(VerifyJwt(key_, input + "." + Base64UrlEncode(key_.Sign(input)), kNow, kIssuer), "not a JSON object");
}

TEST_F(JwtTest, RejectsWrongNumberOfParts) {
  const std::vector<std::string> parts = SplitToken(SignJwt(key_, ValidClaims()));
  ExpectRejected(VerifyJwt(key_, parts[0] + "." + parts[1], kNow, kIssuer), "three");
  ExpectRejected(VerifyJwt(key_, parts[0] + "." + parts[1] + "." + parts[2] + "." + parts[2], kNow, kIssuer), "three");
}

TEST_F(JwtTest, RejectsOversizedToken) {
  boost::json::object claims = ValidClaims();
  claims["pad"] = std::string(kMaxJwtBytes, 'x');
  const std::string token = SignJwt(key_, claims);
  ExpectRejected(VerifyJwt(key_, token, kNow, kIssuer), "longer than");
}

TEST_F(JwtTest, LogDetailNeverContainsTheToken) {
  const std::string token = SignJwt(key_, ValidClaims());
  auto result = VerifyJwt(key_, token, kNow + 100000, kIssuer);
  ASSERT_FALSE(result);
  const std::vector<std::string> parts = SplitToken(token);
  for (const std::string& part : parts) EXPECT_EQ(result.error().log_detail.find(part), std::string::npos);
}

}  // namespace
}  // namespace consilium::crypto
