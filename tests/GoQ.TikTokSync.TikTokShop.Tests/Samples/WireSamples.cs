namespace GoQ.TikTokSync.TikTokShop.Tests.Samples;

/// <summary>
/// Hand-written responses shaped after the OAS 202309 schemas (field names and types), with Japanese values.
/// The contract tests check each one against the OAS so they cannot drift from it.
/// </summary>
public static class WireSamples
{
    public const string OrderSearchResponse = """
        {
          "code": 0,
          "message": "Success",
          "request_id": "202406010930120102451470400B3C1A",
          "data": {
            "next_page_token": "aDU2dXp6dW5hUEdiYW5Ba0hGd1Q0Q1l1Zk5RcXYrdDVjZ1pJWHpBPT0=",
            "total_count": 22113,
            "orders": [
              {
                "id": "576461413038785752",
                "status": "AWAITING_SHIPMENT",
                "create_time": 1717201800,
                "update_time": 1717205400,
                "paid_time": 1717201860,
                "rts_sla_time": 1717460999,
                "tts_sla_time": 1717633799,
                "cancel_order_sla_time": 0,
                "fulfillment_type": "FULFILLMENT_BY_SELLER",
                "shipping_type": "SELLER",
                "delivery_type": "HOME_DELIVERY",
                "delivery_option_id": "7091146663229654785",
                "delivery_option_name": "Standard Shipping",
                "is_on_hold_order": false,
                "is_cod": false,
                "is_sample_order": false,
                "user_id": "7021436810468230477",
                "buyer_email": "v2b2V5@chat.seller.tiktok.com",
                "buyer_message": "午前中に届けてください",
                "seller_note": "",
                "cancel_reason": "",
                "warehouse_id": "7000714532876273411",
                "packages": [ { "id": "1152321127278713123" } ],
                "payment": {
                  "currency": "JPY",
                  "sub_total": "5000",
                  "shipping_fee": "550",
                  "total_amount": "5550",
                  "original_total_product_price": "5500",
                  "original_shipping_fee": "550",
                  "seller_discount": "300",
                  "platform_discount": "200",
                  "shipping_fee_seller_discount": "0",
                  "shipping_fee_platform_discount": "0",
                  "tax": "0"
                },
                "recipient_address": {
                  "name": "山田 太郎",
                  "first_name": "太郎",
                  "last_name": "山田",
                  "first_name_local_script": "タロウ",
                  "last_name_local_script": "ヤマダ",
                  "phone_number": "(+81)08012345678",
                  "full_address": "日本 東京都 千代田区 千代田 1-1 宮内庁101",
                  "address_detail": "宮内庁101",
                  "address_line1": "1-1",
                  "address_line2": "宮内庁101",
                  "address_line3": "",
                  "address_line4": "",
                  "postal_code": "1008111",
                  "region_code": "JP",
                  "district_info": [
                    { "address_level": "L0", "address_level_name": "Country", "address_name": "日本", "iso_code": "JP" },
                    { "address_level": "L1", "address_level_name": "Prefecture", "address_name": "東京都", "iso_code": "JP-13" },
                    { "address_level": "L2", "address_level_name": "City", "address_name": "千代田区", "iso_code": "" },
                    { "address_level": "L3", "address_level_name": "Town", "address_name": "千代田", "iso_code": "" }
                  ]
                },
                "line_items": [
                  {
                    "id": "577086512123755123",
                    "sku_id": "1729592969712207008",
                    "product_id": "1729582718312380123",
                    "product_name": "抹茶ラテ 10本セット",
                    "sku_name": "抹茶, 10本",
                    "sku_image": "https://example.invalid/sku.jpg",
                    "seller_sku": "MATCHA-10",
                    "currency": "JPY",
                    "original_price": "2750",
                    "sale_price": "2500",
                    "seller_discount": "150",
                    "platform_discount": "100",
                    "display_status": "AWAITING_SHIPMENT",
                    "package_id": "1152321127278713123",
                    "package_status": "TO_FULFILL",
                    "tracking_number": "",
                    "shipping_provider_id": "",
                    "shipping_provider_name": "",
                    "rts_time": 0,
                    "is_gift": false
                  },
                  {
                    "id": "577086512123755124",
                    "sku_id": "1729592969712207008",
                    "product_id": "1729582718312380123",
                    "product_name": "抹茶ラテ 10本セット",
                    "sku_name": "抹茶, 10本",
                    "seller_sku": "MATCHA-10",
                    "currency": "JPY",
                    "original_price": "2750",
                    "sale_price": "2500",
                    "display_status": "AWAITING_SHIPMENT",
                    "package_id": "1152321127278713123",
                    "package_status": "TO_FULFILL"
                  }
                ]
              }
            ]
          }
        }
        """;

    public const string OrderDetailResponse = """
        {
          "code": 0,
          "message": "Success",
          "request_id": "202406010930120102451470400B3C1B",
          "data": {
            "orders": [
              {
                "id": "576461413038785753",
                "status": "IN_TRANSIT",
                "create_time": 1717201800,
                "update_time": 1717400000,
                "rts_time": 1717300000,
                "collection_time": 1717350000,
                "shipping_provider": "ヤマト運輸",
                "shipping_provider_id": "7117858858072016686",
                "tracking_number": "123456789012",
                "delivery_option_id": "7091146663229654785",
                "payment": { "currency": "JPY", "sub_total": "0.01", "shipping_fee": "0", "total_amount": "1234567.89" },
                "line_items": [
                  {
                    "id": "577086512123755125",
                    "sku_id": "1",
                    "product_name": "湯呑み",
                    "sale_price": "0.01",
                    "original_price": "1200",
                    "display_status": "IN_TRANSIT",
                    "package_id": "1152321127278713124",
                    "tracking_number": "123456789012",
                    "shipping_provider_id": "7117858858072016686",
                    "shipping_provider_name": "ヤマト運輸"
                  }
                ],
                "packages": [ { "id": "1152321127278713124" } ]
              }
            ]
          }
        }
        """;

    public const string AuthorizedShopsResponse = """
        {
          "code": 0,
          "message": "Success",
          "request_id": "202406010930120102451470400B3C1C",
          "data": {
            "shops": [
              {
                "id": "7000714532876273420",
                "name": "GoQ テスト店",
                "region": "JP",
                "seller_type": "LOCAL",
                "cipher": "GCP_XF90igAAAABh00qsWgtvOiGFNqyubMt3",
                "code": "JPLCA4LLU8"
              }
            ]
          }
        }
        """;

    public const string ShippingProvidersResponse = """
        {
          "code": 0,
          "message": "Success",
          "request_id": "202406010930120102451470400B3C1D",
          "data": {
            "shipping_providers": [
              { "id": "7117858858072016686", "name": "ヤマト運輸" },
              { "id": "7117858858072016687", "name": "佐川急便" }
            ]
          }
        }
        """;

    public const string MarkPackageAsShippedResponse = """
        {
          "code": 0,
          "message": "Success",
          "request_id": "202406010930120102451470400B3C1E",
          "data": {
            "order_id": "576461413038785752",
            "order_line_item_ids": [ "577086512123755123", "577086512123755124" ],
            "package_id": "1152321127278713123",
            "warning": { "message": "match more than one provider" }
          }
        }
        """;

    public const string UpdateShippingInfoResponse = """
        { "code": 0, "message": "Success", "request_id": "202406010930120102451470400B3C1F", "data": {} }
        """;

    public const string PackageDetailResponse = """
        {
          "code": 0,
          "message": "Success",
          "request_id": "202406010930120102451470400B3C20",
          "data": {
            "package_id": "1152321127278713123",
            "package_status": "PROCESSING",
            "tracking_number": "123456789012",
            "shipping_provider_id": "7117858858072016686",
            "shipping_provider_name": "ヤマト運輸",
            "delivery_option_id": "7091146663229654785",
            "shipping_type": "SELLER",
            "split_and_combine_tag": "DEFAULT",
            "order_line_item_ids": [ "577086512123755123" ],
            "orders": [ { "id": "576461413038785752", "skus": [ { "id": "1729592969712207008", "name": "抹茶, 10本", "quantity": 2 } ] } ],
            "create_time": 1717300000,
            "update_time": 1717300500
          }
        }
        """;

    public const string TokenResponse = """
        {
          "code": 0,
          "message": "success",
          "request_id": "2026092911461901234567890ABCDEF",
          "data": {
            "access_token": "TTP_pRmJ0AAAAAAmr6KZjTeYZc5P1WrVcuT0rDHl6_7iVgwQzxFVDBYDo8",
            "access_token_expire_in": 1791309162,
            "refresh_token": "TTP_NTUxZTNhYTQ2ZDk3N2QxOGE4YTIzYzE2ZWExZmNiYjY4ZTA0NjQ0",
            "refresh_token_expire_in": 4912765591,
            "open_id": "7010736057180325637",
            "seller_name": "GoQ テスト店",
            "seller_base_region": "JP",
            "user_type": 0,
            "granted_scopes": [ "seller.order.info", "seller.fulfillment.basic" ]
          }
        }
        """;
}
