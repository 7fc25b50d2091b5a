#include "platform/crypto/key_wrap.hpp"

#include <gtest/gtest.h>

namespace consilium::crypto {
namespace {

constexpr WrappingKeyId kClinicKeyV3{"clinic-key-42", 3};

TEST(SymmetricKeyTest, IsExactly32RandomBytes) {
  EXPECT_FALSE(SymmetricKey::FromBytes(std::string(31, 'k')));
  EXPECT_FALSE(SymmetricKey::FromBytes(std::string(33, 'k')));
  EXPECT_EQ(SymmetricKey::FromBytes(std::string(32, 'k')).value().bytes(), std::string(32, 'k'));
  EXPECT_NE(SymmetricKey::Generate().bytes(), SymmetricKey::Generate().bytes());
}

TEST(KeyWrapTest, UnwrapsWhatItWrapped) {
  const SymmetricKey clinic_key = SymmetricKey::Generate();
  const SymmetricKey data_key = SymmetricKey::Generate();
  const std::string wrapped = WrapKey(clinic_key, kClinicKeyV3, WrappedKeyKind::kDataKey, data_key);
  EXPECT_EQ(wrapped.size(), kWrappedKeyBytes);
  EXPECT_EQ(wrapped.find(data_key.bytes()), std::string::npos);
  EXPECT_NE(WrapKey(clinic_key, kClinicKeyV3, WrappedKeyKind::kDataKey, data_key), wrapped) << "fresh nonce";
  EXPECT_EQ(UnwrapKey(clinic_key, kClinicKeyV3, WrappedKeyKind::kDataKey, wrapped).value().bytes(), data_key.bytes());

  const SymmetricKey root_key = SymmetricKey::Generate();
  const WrappingKeyId root{"root", 1};
  const std::string wrapped_clinic_key = WrapKey(root_key, root, WrappedKeyKind::kClinicKey, clinic_key);
  EXPECT_EQ(UnwrapKey(root_key, root, WrappedKeyKind::kClinicKey, wrapped_clinic_key).value().bytes(),
            clinic_key.bytes());
}

TEST(KeyWrapTest, RefusesAnotherWrappingKeyIdVersionOrKind) {
  const SymmetricKey clinic_key = SymmetricKey::Generate();
  const std::string wrapped = WrapKey(clinic_key, kClinicKeyV3, WrappedKeyKind::kDataKey, SymmetricKey::Generate());
  EXPECT_FALSE(UnwrapKey(SymmetricKey::Generate(), kClinicKeyV3, WrappedKeyKind::kDataKey, wrapped));
  EXPECT_FALSE(UnwrapKey(clinic_key, {"clinic-key-43", 3}, WrappedKeyKind::kDataKey, wrapped));
  EXPECT_FALSE(UnwrapKey(clinic_key, {"clinic-key-42", 4}, WrappedKeyKind::kDataKey, wrapped));
  EXPECT_FALSE(UnwrapKey(clinic_key, kClinicKeyV3, WrappedKeyKind::kClinicKey, wrapped));
  const auto refused = UnwrapKey(clinic_key, {"clinic-key-43", 3}, WrappedKeyKind::kDataKey, wrapped);
  EXPECT_EQ(refused.error().code, ErrorCode::kInternal);
  EXPECT_EQ(refused.error().public_message, "a wrapped key could not be unwrapped");
}

TEST(KeyWrapTest, RefusesAlteredOrCutWrappedKeys) {
  const SymmetricKey clinic_key = SymmetricKey::Generate();
  const std::string wrapped = WrapKey(clinic_key, kClinicKeyV3, WrappedKeyKind::kDataKey, SymmetricKey::Generate());
  for (std::size_t bit = 0; bit < wrapped.size() * 8; ++bit) {
    std::string flipped = wrapped;
    flipped[bit / 8] = static_cast<char>(flipped[bit / 8] ^ (1 << (bit % 8)));
    EXPECT_FALSE(UnwrapKey(clinic_key, kClinicKeyV3, WrappedKeyKind::kDataKey, flipped)) << "bit " << bit;
  }
  EXPECT_FALSE(UnwrapKey(clinic_key, kClinicKeyV3, WrappedKeyKind::kDataKey, wrapped.substr(1)));
  EXPECT_FALSE(UnwrapKey(clinic_key, kClinicKeyV3, WrappedKeyKind::kDataKey, wrapped + "x"));
  EXPECT_FALSE(UnwrapKey(clinic_key, kClinicKeyV3, WrappedKeyKind::kDataKey, ""));
}

}  // namespace
}  // namespace consilium::crypto
